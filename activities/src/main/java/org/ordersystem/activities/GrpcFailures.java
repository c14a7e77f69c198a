package org.ordersystem.activities;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.ApplicationFailure;
import org.ordersystem.workflows.FailureType;

/**
 * Turns a gRPC status into the failure Temporal should see.
 *
 * <p>UNAVAILABLE, DEADLINE_EXCEEDED and the like are transient: they become retryable failures and
 * the activity runs again with the same idempotency key, so a call that timed out after doing its
 * work is answered from the service's first result. FAILED_PRECONDITION, INVALID_ARGUMENT and
 * NOT_FOUND are answers about the business: retrying cannot change them, so they become
 * non-retryable failures typed by the reason the service put before the colon of its description
 * (for example {@code OUT_OF_STOCK: ...}).
 */
public final class GrpcFailures {

  /** Failure type of transient errors; not in the workflow's do-not-retry list. */
  public static final String TRANSIENT = "SERVICE_UNAVAILABLE";

  private GrpcFailures() {}

  public static ApplicationFailure toFailure(String call, StatusRuntimeException e) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? "" : status.getDescription();
    String message = call + " failed with " + status.getCode() + ": " + description;
    return switch (status.getCode()) {
      case FAILED_PRECONDITION, INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, OUT_OF_RANGE ->
          ApplicationFailure.newNonRetryableFailure(detail(description), businessType(description));
      default -> ApplicationFailure.newFailure(message, TRANSIENT);
    };
  }

  /** The reason before the first colon when the service gave one, else INVALID_REQUEST. */
  static String businessType(String description) {
    int colon = description.indexOf(':');
    if (colon > 0) {
      String reason = description.substring(0, colon).trim();
      if (reason.matches("[A-Z][A-Z_]*")) {
        return reason;
      }
    }
    return FailureType.INVALID_REQUEST.name();
  }

  private static String detail(String description) {
    int colon = description.indexOf(':');
    return colon > 0 ? description.substring(colon + 1).trim() : description;
  }
}
