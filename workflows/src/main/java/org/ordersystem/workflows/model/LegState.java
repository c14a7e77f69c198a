package org.ordersystem.workflows.model;

/** Where a payment leg stands in Try/Confirm/Cancel. */
public enum LegState {
  /** Not tried yet. */
  NEW,
  /** Tried: the amount is reserved on the source. */
  AUTHORIZED,
  /** Confirmed: the amount is posted. */
  CAPTURED,
  /** Cancelled: the reservation was released (or never happened). */
  VOIDED
}
