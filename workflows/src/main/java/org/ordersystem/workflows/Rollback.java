package org.ordersystem.workflows;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;

/**
 * Why an order is rolled back before capture, and how it ends.
 *
 * @param status REJECTED for a failure, CANCELLED when the workflow was asked to stop
 * @param reason the failure type (such as OUT_OF_STOCK); null for a cancellation
 * @param detail the original message of the failure, for people
 */
record Rollback(OrderStatus status, String reason, String detail) {

  /**
   * Classifies what interrupted {@code step}.
   *
   * @param failure the activity failure or cancellation that stopped the step
   * @param cancelRequested whether the workflow was asked to stop
   * @param retryBudget the step's retry budget, quoted when it ran out
   */
  static Rollback of(
      OrderStep step, RuntimeException failure, boolean cancelRequested, Duration retryBudget) {
    if (cancelRequested) {
      return new Rollback(OrderStatus.CANCELLED, null, "Cancelled during " + step + ".");
    }
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (ranOutOfBudget(failure)) {
      return new Rollback(
          OrderStatus.REJECTED,
          FailureType.STEP_TIMED_OUT.name(),
          step + " did not succeed within its retry budget of " + retryBudget + lastError(cause));
    }
    if (cause instanceof ApplicationFailure applicationFailure) {
      return new Rollback(
          OrderStatus.REJECTED,
          applicationFailure.getType(),
          applicationFailure.getOriginalMessage());
    }
    return new Rollback(OrderStatus.REJECTED, cause.getClass().getSimpleName(), message(cause));
  }

  /**
   * Whether a call stopped because its retry budget ran out, which leaves its outcome at the
   * service unknown. The server ends the retries either by firing the schedule-to-close timer (a
   * TimeoutFailure) or by refusing a retry that would start after it (retry state TIMEOUT, with the
   * last failure as cause); both mean the budget ran out.
   */
  static boolean ranOutOfBudget(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    return cause instanceof TimeoutFailure
        || (failure instanceof ActivityFailure activityFailure
            && activityFailure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT);
  }

  /** The failure type a failed call stands for: the reason {@link #of} gives for it. */
  static String reasonOf(RuntimeException failure) {
    if (ranOutOfBudget(failure)) {
      return FailureType.STEP_TIMED_OUT.name();
    }
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    return cause instanceof ApplicationFailure applicationFailure
        ? applicationFailure.getType()
        : cause.getClass().getSimpleName();
  }

  /**
   * A sentence on why a failed call failed: its message, or the last error before its budget ran
   * out.
   */
  static String messageOf(RuntimeException failure) {
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (ranOutOfBudget(failure)) {
      return "The retry budget ran out" + lastError(cause);
    }
    return message(cause);
  }

  private static String lastError(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure applicationFailure) {
        return "; last error: " + applicationFailure.getOriginalMessage();
      }
    }
    return ".";
  }

  private static String message(Throwable t) {
    return t instanceof TemporalFailure temporalFailure
        ? temporalFailure.getOriginalMessage()
        : t.getMessage();
  }
}
