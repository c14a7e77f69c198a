package org.ordersystem.bench.chaos;

/**
 * What one order of a chaos run exercises. Each shape has a weight: its share of the orders, out of
 * the sum of the weights.
 */
public enum OrderShape {
  /** Paid from the wallet balance alone. */
  BALANCE(16),
  /** Paid with loyalty points alone (a cheap line: points run short sooner than balance). */
  POINTS(8),
  /** Paid by card alone ({@code tok_ok}). */
  CARD(14),
  /** Balance, points and card at once: three legs. */
  MULTI_LEG(14),
  /** Balance and a card the provider declines ({@code tok_declined}): REJECTED, all released. */
  DECLINED_CARD(6),
  /** More units of the scarce LIMITED-VINYL than exist: REJECTED OUT_OF_STOCK. */
  OUT_OF_STOCK(5),
  /** Placed, then cancelled at once: CANCELLED, or COMPLETED when capture came first (409). */
  CANCEL(10),
  /** Completed, then one unit of a line refunded (restocked), from the card leg first. */
  REFUND_LINES(9),
  /** Completed, then part of the amount refunded (nothing restocked). */
  REFUND_AMOUNT(8),
  /** The same placement sent three times at once with one Idempotency-Key: one order. */
  DUPLICATE(10);

  final int weight;

  OrderShape(int weight) {
    this.weight = weight;
  }
}
