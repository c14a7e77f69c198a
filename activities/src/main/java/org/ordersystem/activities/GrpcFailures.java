package org.ordersystem.activities;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.ApplicationFailure;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.workflows.FailureType;

/**
 * Turns a gRPC status into the failure Temporal should see.
 *
 * <p>UNAVAILABLE, DEADLINE_EXCEEDED and the like are transient: they become retryable failures and
 * the activity runs again with the same idempotency key, so a call that timed out after doing its
 * work is answered from the service's first result. FAILED_PRECONDITION, INVALID_ARGUMENT and
 * NOT_FOUND are answers about the business: retrying cannot change them, so they become
 * non-retryable failures typed by the reason the service gave in the status's {@code ErrorInfo}
 * ({@link ServiceErrors}), such as {@code OUT_OF_STOCK}, with its message.
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
          ApplicationFailure.newNonRetryableFailure(description, businessType(e));
      default -> ApplicationFailure.newFailure(message, TRANSIENT);
    };
  }

  /** The reason the service gave, else INVALID_REQUEST (a refusal without one). */
  static String businessType(StatusRuntimeException e) {
    return ServiceErrors.reasonOf(e).orElse(FailureType.INVALID_REQUEST.name());
  }
}
