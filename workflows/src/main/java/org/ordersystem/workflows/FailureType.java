package org.ordersystem.workflows;

/**
 * Business outcomes that retrying cannot change. Activities raise them as non-retryable {@code
 * ApplicationFailure}s whose type is the enum name; the workflow turns them into the order's
 * reason.
 */
public enum FailureType {
  /** Some line cannot be covered by the stock available. */
  OUT_OF_STOCK,
  /** A sku is not in the catalog. */
  UNKNOWN_SKU,
  /** A funding source refused the amount. */
  PAYMENT_DECLINED,
  /** The paying customer has no account. */
  UNKNOWN_CUSTOMER,
  /** The shipping address cannot be delivered to. */
  INVALID_ADDRESS,
  /** A service refused the request as malformed. */
  INVALID_REQUEST,
  /** An idempotency key was replayed with other parameters: a bug, never retried. */
  IDEMPOTENCY_CONFLICT,
  /** The resource was closed by a compensation before this call (a late try after a cancel). */
  ALREADY_CLOSED,
  /**
   * A leg was captured already, so it cannot be voided: a rollback of an order that went further
   * than its workflow knew ({@code PurchaseUnwind}), or a bug.
   */
  ALREADY_CAPTURED,
  /** A capture found no authorization to post: a bug or a broken fence, never retried. */
  LEG_NOT_AUTHORIZED,
  /**
   * The provider's card authorization expired before its capture. The card is not re-authorized
   * without the customer present, so the order is compensated (see {@code PaymentTcc}).
   */
  AUTHORIZATION_EXPIRED,
  /** A step kept failing until its retry budget ran out. */
  STEP_TIMED_OUT,
  /**
   * A shipment to cancel was picked up by the carrier already: a full refund then leaves the
   * parcel, and the units in it, on their way.
   */
  ALREADY_DISPATCHED,
  /** A leg refund above what the leg captured and has not refunded: a bug, never retried. */
  REFUND_EXCEEDED,
  /** A refund of a leg that was never captured: a bug, never retried. */
  LEG_NOT_CAPTURED,
  /** A restock of more units than the order sold and has not restocked: a bug, never retried. */
  RESTOCK_EXCEEDED,
  /** A restock of an order whose stock was never committed: a bug, never retried. */
  NOT_COMMITTED;

  /** Whether a failure type string names one of these. */
  public static boolean isBusiness(String type) {
    for (FailureType t : values()) {
      if (t.name().equals(type)) {
        return true;
      }
    }
    return false;
  }
}
