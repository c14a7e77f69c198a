package org.ordersystem.workflows;

import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/**
 * Types of the {@code ApplicationFailure}s update validators throw, so the API can answer each with
 * the right status. A rejected update leaves no trace in the workflow's history.
 *
 * <p>The Java SDK up to 1.38.0 loses the type of a failure thrown by a validator
 * (temporalio/sdk-java#2875: the rejection is serialized twice and arrives typed {@code
 * io.temporal.internal.worker.WorkflowExecutionException}; fixed upstream by #3001, not in a
 * release yet, and pinned by OrderCancelTest); only the message survives. Rejections therefore also
 * carry their type before the message, {@code TYPE: detail}, and {@link #typeOf} and {@link
 * #detailOf} read them either way: the one place a type is read out of a message, until the SDK
 * keeps it (the services' gRPC errors carry theirs as a typed field, see ServiceErrors).
 */
public final class UpdateRejections {

  /** Cancel of an order that is final or whose capture has begun (HTTP 409). */
  public static final String ORDER_NOT_CANCELLABLE = "ORDER_NOT_CANCELLABLE";

  /** Refund of an order that is not COMPLETED or PARTIALLY_REFUNDED (HTTP 409). */
  public static final String ORDER_NOT_REFUNDABLE = "ORDER_NOT_REFUNDABLE";

  /** Refund above what is refundable, of unknown lines, or malformed (HTTP 422). */
  public static final String INVALID_REFUND = "INVALID_REFUND";

  /** A refund id used again with other parameters (HTTP 422). */
  public static final String IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT";

  /** Retry or rollback of an order that is not PENDING (HTTP 409). */
  public static final String ORDER_NOT_PENDING = "ORDER_NOT_PENDING";

  /** Rollback of a PENDING order whose capture has begun: only a retry helps (HTTP 409). */
  public static final String ROLLBACK_NOT_ALLOWED = "ROLLBACK_NOT_ALLOWED";

  private static final Set<String> TYPES =
      Set.of(
          ORDER_NOT_CANCELLABLE,
          ORDER_NOT_REFUNDABLE,
          INVALID_REFUND,
          IDEMPOTENCY_CONFLICT,
          ORDER_NOT_PENDING,
          ROLLBACK_NOT_ALLOWED);

  private static final String SEPARATOR = ": ";

  private UpdateRejections() {}

  /** The rejection type of a refused update, whether or not the SDK kept it; else null. */
  public static String typeOf(ApplicationFailure failure) {
    if (failure == null) {
      return null;
    }
    if (TYPES.contains(failure.getType())) {
      return failure.getType();
    }
    String message = failure.getOriginalMessage();
    int separator = message == null ? -1 : message.indexOf(SEPARATOR);
    return separator > 0 && TYPES.contains(message.substring(0, separator))
        ? message.substring(0, separator)
        : null;
  }

  /** The explanation of a refused update, without its type; else the failure's message. */
  public static String detailOf(ApplicationFailure failure) {
    String message = failure.getOriginalMessage();
    String type = typeOf(failure);
    return type != null && message.startsWith(type + SEPARATOR)
        ? message.substring(type.length() + SEPARATOR.length())
        : message;
  }

  /** The failure a validator or handler refuses an update with. */
  static ApplicationFailure rejection(String type, String detail) {
    return ApplicationFailure.newNonRetryableFailure(type + SEPARATOR + detail, type);
  }
}
