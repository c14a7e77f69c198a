package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;

/**
 * How one call of the purchase flow ended, once {@link StepRecovery} let it: it succeeded, or the
 * service gave its final answer. A call that could not go on made the order PENDING until a retry
 * succeeded; a cancel or rollback ends it with a cancellation instead, which the saga's scope
 * handles.
 */
sealed interface StepOutcome<T> {

  /** The call succeeded and answered {@code value} (null for a call that answers nothing). */
  record Done<T>(T value) implements StepOutcome<T> {}

  /** The service refused (OUT_OF_STOCK, a declined card, ...): no retry can change it. */
  record Refused<T>(ActivityFailure failure) implements StepOutcome<T> {}
}
