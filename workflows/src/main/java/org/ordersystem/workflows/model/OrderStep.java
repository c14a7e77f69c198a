package org.ordersystem.workflows.model;

/** The purchase flow's steps, in the order they run. */
public enum OrderStep {
  RESERVE_STOCK,
  AUTHORIZE_PAYMENT,
  REGISTER_SHIPPING,
  CAPTURE_PAYMENT,
  COMMIT_STOCK,
  COMPLETED
}
