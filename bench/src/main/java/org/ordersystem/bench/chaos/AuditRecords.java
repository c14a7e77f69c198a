package org.ordersystem.bench.chaos;

import java.util.List;
import java.util.Map;

/**
 * Everything the auditor judges, read after the run from each party's own records: what the client
 * got accepted, the orders' read model and Temporal, the stock service's products and reservations,
 * the payment service's ledger accounts and legs, the provider's authorizations, and
 * reconciliation's open mismatches. Plain values, so a test can hand the auditor tampered ones.
 *
 * @param accepted the orders the client got accepted
 * @param orders every order of the read model, by id
 * @param workflows the accepted orders that have a workflow {@code order-<id>}, by id, with its
 *     status as Temporal has it (the {@code OrderStatus} search attribute; empty when unset)
 * @param refunds every refund of the read model
 * @param onHandBefore units on hand per SKU before the run (stock)
 * @param onHandAfter units on hand per SKU after it (stock)
 * @param reservedAfter units reserved per SKU after it (stock)
 * @param reservations the stock service's reservation lines
 * @param accountsBefore customers' wallet accounts before the run, by {@code holder:kind}
 * @param accountsAfter the same after it
 * @param legs the payment service's legs
 * @param authorizations the provider's authorizations
 * @param ledgerFaults what the payment service's own ledger check finds wrong, such as {@code
 *     inconsistentLegs 2}; empty when it passes
 * @param openMismatches reconciliation's mismatches still OPEN
 */
public record AuditRecords(
    List<ClientRecord.Accepted> accepted,
    Map<String, OrderRow> orders,
    Map<String, String> workflows,
    List<RefundRow> refunds,
    Map<String, Long> onHandBefore,
    Map<String, Long> onHandAfter,
    Map<String, Long> reservedAfter,
    List<ReservationLine> reservations,
    Map<String, Account> accountsBefore,
    Map<String, Account> accountsAfter,
    List<LegRow> legs,
    List<Authorization> authorizations,
    List<String> ledgerFaults,
    List<Mismatch> openMismatches) {

  /** An order as the read model has it. */
  public record OrderRow(
      String orderId,
      String status,
      String customerId,
      String pendingStep,
      String pendingReason,
      List<Line> lines,
      List<Leg> legs) {}

  public record Line(String sku, long quantity) {}

  public record Leg(String legId, String type, long amount) {}

  /** A refund as the read model has it; only COMPLETED ones moved anything. */
  public record RefundRow(
      String orderId, String refundId, String status, List<Line> lines, List<Leg> legRefunds) {}

  /** One line of a stock reservation (its id is the order's id). */
  public record ReservationLine(
      String orderId, String state, String sku, long quantity, long restocked) {}

  /** A wallet account: posted money (credits less debits posted) and what is held pending. */
  public record Account(long posted, long pending) {}

  /** A payment leg with the state of its fence (TRIED, CONFIRMED, CANCELLED). */
  public record LegRow(
      String paymentId,
      String legId,
      String customerId,
      String type,
      long amount,
      long refunded,
      String fenceState) {}

  /** A provider authorization; its reference is {@code <paymentId>:<legId>}. */
  public record Authorization(
      String reference, long amount, long captured, long refunded, String state) {}

  public record Mismatch(String reference, String paymentId, String mismatchClass) {}
}
