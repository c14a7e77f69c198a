package org.ordersystem.workflows.model;

/** Where a refund stands. */
public enum RefundStatus {
  /** Accepted; waiting for earlier refunds of the order, or running. */
  REQUESTED,
  /** Money returned to the legs, lines restocked, shipment cancelled where it applied. */
  COMPLETED
}
