package org.ordersystem.workflows.recovery;

/** What a webhook notification reports. */
public enum NotificationType {
  /** An order became PENDING: its step ran out of its budget or failed in a way nobody handled. */
  ORDER_PENDING,
  /** A sweep could not resolve an order: it needs a person. */
  ORDER_UNRESOLVED,
  /** One sweep's summary. */
  SWEEP_SUMMARY,
  /**
   * Reconciliation found the provider and our books disagreeing about a card leg and may not
   * correct it alone (orderId is the payment's order; detail says what each side holds).
   */
  RECONCILIATION_MISMATCH
}
