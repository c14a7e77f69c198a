package org.ordersystem.workflows.model;

/** Where a payment leg stands in Try/Confirm/Cancel. */
public enum LegState {
  /** Not tried yet, or tried and known not to have reserved anything. */
  NEW,
  /** Tried: the amount is reserved on the source. */
  AUTHORIZED,
  /** Confirmed: the amount is posted. */
  CAPTURED,
  /** Cancelled: the reservation was released (or never happened, leaving a barrier). */
  VOIDED,
  /**
   * Tried, but neither the Try nor the payment service, asked afterwards, answered in time: the
   * amount may or may not be reserved. The leg is voided next, which settles it either way.
   */
  UNKNOWN
}
