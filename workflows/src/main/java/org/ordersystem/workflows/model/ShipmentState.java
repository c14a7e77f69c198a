package org.ordersystem.workflows.model;

/** Where an order's parcel stands. */
public enum ShipmentState {
  /** Not registered with the carrier yet. */
  NONE,
  /** Registered, not picked up. */
  CREATED,
  /** Picked up by the carrier: a refund no longer cancels it. */
  DISPATCHED,
  /** Handed to the recipient. */
  DELIVERED,
  /** Cancelled before it left. */
  CANCELLED
}
