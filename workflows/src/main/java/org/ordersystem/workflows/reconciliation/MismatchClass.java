package org.ordersystem.workflows.reconciliation;

/** How the provider's record of one card leg and ours disagree. */
public enum MismatchClass {
  /**
   * The provider holds or charged money we have no record of, or charged what we hold as only
   * authorized: the timeout-after-success case.
   */
  MISSING_INTERNAL,
  /** We hold or charged money the provider has no record of at all. */
  MISSING_AT_PROVIDER,
  /** Both hold, or both charged, but not the same amount (a refund on one side only, ...). */
  AMOUNT_MISMATCH,
  /** Both have the leg, in states that do not move the same money (voided here, held there). */
  STATUS_MISMATCH,
  /**
   * One-sided, but the last change is younger than the grace period: probably in flight (a call or
   * an event on its way). Never stored; a later run sees it agree, or classifies it for real.
   */
  EXPECTED
}
