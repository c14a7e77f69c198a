package org.ordersystem.services.common;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.ordersystem.proto.ServiceErrors;

/**
 * Machine-readable reasons of the services' refusals. Each travels as the {@code ErrorInfo} reason
 * of the gRPC status ({@link ServiceErrors}), beside a message for people such as {@code sku
 * TSHIRT-M has 3 available, 5 requested}. Callers branch on the reason, so a reason keeps its name
 * and its status code once released.
 */
public enum FailureReason {
  /** A malformed request: missing ids, non-positive quantities or amounts, unsupported sources. */
  INVALID_REQUEST(Status.Code.INVALID_ARGUMENT),
  /** A shipping address that cannot be delivered to. */
  INVALID_ADDRESS(Status.Code.INVALID_ARGUMENT),
  UNKNOWN_SKU(Status.Code.NOT_FOUND),
  UNKNOWN_CUSTOMER(Status.Code.NOT_FOUND),
  UNKNOWN_RESERVATION(Status.Code.NOT_FOUND),
  UNKNOWN_SHIPMENT(Status.Code.NOT_FOUND),
  UNKNOWN_PAYMENT(Status.Code.NOT_FOUND),
  OUT_OF_STOCK(Status.Code.FAILED_PRECONDITION),
  PAYMENT_DECLINED(Status.Code.FAILED_PRECONDITION),
  /** The resource was released, cancelled or voided (possibly before it existed): no way back. */
  ALREADY_CLOSED(Status.Code.FAILED_PRECONDITION),
  /** A reservation was sold, so it cannot be released. */
  ALREADY_COMMITTED(Status.Code.FAILED_PRECONDITION),
  /** A shipment left the warehouse, so it cannot be cancelled. */
  ALREADY_DISPATCHED(Status.Code.FAILED_PRECONDITION),
  /** A payment leg was captured, so it cannot be voided. */
  ALREADY_CAPTURED(Status.Code.FAILED_PRECONDITION),
  /** Capture of a leg that was never authorized. */
  LEG_NOT_AUTHORIZED(Status.Code.FAILED_PRECONDITION),
  /** Refund of a leg that was never captured: voided, still authorized, or unknown. */
  LEG_NOT_CAPTURED(Status.Code.FAILED_PRECONDITION),
  /** A refund above what the leg captured and has not refunded yet. */
  REFUND_EXCEEDED(Status.Code.FAILED_PRECONDITION),
  /** Restock of a reservation that was never sold: still reserved, or released. */
  NOT_COMMITTED(Status.Code.FAILED_PRECONDITION),
  /** A restock of more units of a sku than the reservation sold and has not restocked yet. */
  RESTOCK_EXCEEDED(Status.Code.FAILED_PRECONDITION),
  /** An idempotency key replayed with other parameters than its first use. */
  IDEMPOTENCY_CONFLICT(Status.Code.FAILED_PRECONDITION),
  /** A card authorization was not captured before it expired; its hold is gone. */
  AUTHORIZATION_EXPIRED(Status.Code.FAILED_PRECONDITION),
  /** A capture or refund above what the authorization has left. */
  AMOUNT_EXCEEDED(Status.Code.FAILED_PRECONDITION),
  UNKNOWN_AUTHORIZATION(Status.Code.NOT_FOUND),
  /** A correction from the provider's record that does not fit our record of the leg. */
  PROVIDER_RECORD_MISMATCH(Status.Code.FAILED_PRECONDITION),
  /** The payment provider did not answer, or answered with a transient error: retry, same key. */
  PSP_UNAVAILABLE(Status.Code.UNAVAILABLE),
  /** The payment provider answered in a way this service cannot explain: an operator looks. */
  PSP_ERROR(Status.Code.INTERNAL),
  /** The record changed between a provider call and its local write: retry with the same key. */
  CONCURRENT_CHANGE(Status.Code.UNAVAILABLE);

  private final Status.Code code;

  FailureReason(Status.Code code) {
    this.code = code;
  }

  /** The status code this reason travels with. */
  public Status.Code code() {
    return code;
  }

  /** The refusal, with this reason in its details and {@code detail} as its message. */
  public StatusRuntimeException exception(String detail) {
    return ServiceErrors.error(code, name(), detail);
  }
}
