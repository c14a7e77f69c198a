package org.ordersystem.workflows.reconciliation;

/** What reconciliation does about one mismatch or one PENDING order. */
public enum ResolutionAction {
  /** Cancel the leg through the payment service: voids at the provider by reference too. */
  VOID_LEG,
  /** Void the provider's authorization by reference; our leg is closed already. */
  VOID_AT_PROVIDER,
  /** Refund what the provider charged; our books never recorded the charge. */
  REFUND_AT_PROVIDER,
  /** Post the provider's capture in our ledger, then refund the leg: no order wants it. */
  RECORD_CAPTURE_THEN_REFUND,
  /** Post the provider's capture in our ledger, then let the PENDING order go on. */
  RECORD_CAPTURE_THEN_RETRY,
  /** Tell the PENDING order to run its step again: the provider has what it waits for. */
  RETRY_ORDER,
  /** Tell the PENDING order to roll back: the provider has nothing, and it is before capture. */
  ROLLBACK_ORDER,
  /** Nothing yet: the order is still working on it. */
  WAIT,
  /** Not safe to act: people are told. */
  REPORT
}
