package org.ordersystem.api.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/** The problems this API answers with, each with a stable {@code type} clients can switch on. */
public enum ProblemType {
  VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid request"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Missing or unknown API key"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for this API key"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
  IDEMPOTENCY_CONFLICT(
      "idempotency-conflict",
      HttpStatus.UNPROCESSABLE_ENTITY,
      "Idempotency-Key reused with a different body"),
  TOO_MANY_PLACEMENTS(
      "too-many-placements",
      HttpStatus.TOO_MANY_REQUESTS,
      "Too many orders are being placed; retry later"),
  ORDER_NOT_CANCELLABLE(
      "order-not-cancellable", HttpStatus.CONFLICT, "The order can no longer be cancelled"),
  ORDER_NOT_REFUNDABLE("order-not-refundable", HttpStatus.CONFLICT, "The order cannot be refunded"),
  INVALID_REFUND("invalid-refund", HttpStatus.UNPROCESSABLE_ENTITY, "The refund is not possible"),
  ORDER_NOT_PENDING(
      "order-not-pending",
      HttpStatus.CONFLICT,
      "The order is not PENDING: there is nothing to retry or roll back"),
  ROLLBACK_NOT_ALLOWED(
      "rollback-not-allowed",
      HttpStatus.CONFLICT,
      "Capture has begun: the order can only be retried, not rolled back"),
  WORKFLOW_NOT_RUNNING(
      "workflow-not-running", HttpStatus.CONFLICT, "The order's workflow is not running"),
  SWEEP_FAILED(
      "sweep-failed", HttpStatus.BAD_GATEWAY, "The recovery sweep ended without a summary"),
  SHIPMENT_CANCELLED("shipment-cancelled", HttpStatus.CONFLICT, "The shipment was cancelled"),
  MISMATCH_NOT_OPEN("mismatch-not-open", HttpStatus.CONFLICT, "The mismatch is resolved already"),
  SERVICE_UNAVAILABLE(
      "service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "A dependency is unavailable"),
  BAD_GATEWAY("bad-gateway", HttpStatus.BAD_GATEWAY, "A dependency answered unexpectedly"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error");

  private static final String PREFIX = "urn:ordersystem:problem:";

  private final URI type;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.type = URI.create(PREFIX + slug);
    this.status = status;
    this.title = title;
  }

  public URI type() {
    return type;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
