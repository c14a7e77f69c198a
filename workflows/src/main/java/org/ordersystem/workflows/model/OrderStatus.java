package org.ordersystem.workflows.model;

/** Where an order stands, as shops see it. */
public enum OrderStatus {
  /** Being placed: steps are running or being retried. */
  CREATING,
  /**
   * Being placed, stopped: a step ran out of its retry budget or failed in a way nobody handled.
   * Holds what it reserved and waits for {@code retry} or {@code rollback} (see {@link
   * PendingInfo}).
   */
  PENDING,
  /** Paid, shipping registered, stock committed. */
  COMPLETED,
  /** Refused for a business reason (see the reason); everything it held was released. */
  REJECTED,
  /** Stopped before capture; everything it held was released. */
  CANCELLED,
  /** Completed, then part of what was paid went back to the customer. */
  PARTIALLY_REFUNDED,
  /** Completed, then everything that was paid went back to the customer. */
  REFUNDED;

  /** Whether the order will not change any more through the purchase flow. */
  public boolean isFinal() {
    return this != CREATING && this != PENDING;
  }
}
