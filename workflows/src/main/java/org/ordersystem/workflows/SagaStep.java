package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One call of the purchase flow, a row of its table ({@link PurchaseSteps}).
 *
 * @param call the service call, local first ({@link LocalFirst}), within the step's retry budget
 * @param undo what undoes it, registered before it runs; empty from capture on
 * @param isRefusal which failures are the service's final answer; any other failure that outlasts
 *     the budget makes the order PENDING ({@link StepRecovery})
 * @param whenRefused what a refusal changes in the order, and how the order then ends
 * @param whenDone what the call's answer changes in the order, written with the stage's write
 */
record SagaStep<T>(
    Supplier<T> call,
    Optional<Compensation> undo,
    Predicate<ActivityFailure> isRefusal,
    Function<ActivityFailure, Rollback> whenRefused,
    Consumer<T> whenDone) {

  /**
   * A call that nothing undoes, that no failure ends (each makes the order PENDING), and whose
   * answer changes nothing; the methods below say otherwise.
   */
  static <T> SagaStep<T> calling(Supplier<T> call) {
    return new SagaStep<>(
        call,
        Optional.empty(),
        failure -> false,
        failure -> {
          throw new IllegalStateException("A call without refusals was refused", failure);
        },
        answer -> {});
  }

  /** {@link #calling} for a call that answers nothing. */
  static SagaStep<Void> running(Runnable call) {
    return calling(
        () -> {
          call.run();
          return null;
        });
  }

  SagaStep<T> undoneBy(String name, Runnable undo) {
    return new SagaStep<>(
        call, Optional.of(new Compensation(name, undo)), isRefusal, whenRefused, whenDone);
  }

  /** The failures that end the order, and how it then ends. */
  SagaStep<T> refusedWhen(
      Predicate<ActivityFailure> isRefusal, Function<ActivityFailure, Rollback> whenRefused) {
    return new SagaStep<>(call, undo, isRefusal, whenRefused, whenDone);
  }

  SagaStep<T> whenDone(Consumer<T> whenDone) {
    return new SagaStep<>(call, undo, isRefusal, whenRefused, whenDone);
  }

  /** Applies how the call ended: its answer's changes, or its refusal's and the rollback. */
  Optional<Rollback> settle(StepOutcome<T> outcome) {
    if (outcome instanceof StepOutcome.Refused<T> refused) {
      return Optional.of(whenRefused.apply(refused.failure()));
    }
    whenDone.accept(((StepOutcome.Done<T>) outcome).value());
    return Optional.empty();
  }
}
