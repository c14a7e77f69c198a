package org.ordersystem.bench;

import java.time.Duration;

/**
 * What the overload step checks, the aim of shedding load: offered several times the highest
 * sustainable rate, the system still answers the orders it takes quickly (accept p99 within {@code
 * acceptP99}), sheds what it cannot take (429 with Retry-After) rather than failing it (orders
 * neither accepted nor shed at most {@code maxErrorRatio} of those sent, the ramp's error bound),
 * and completes every order it accepted: a 201 told the shop its order is placed, so an accepted
 * order that fails later is a broken promise, however rare.
 *
 * <p>Completion latency is reported, not bounded: the accepted orders queue behind each other in
 * the workers, past the API's bound on placements in flight.
 */
public record OverloadBounds(Duration acceptP99, double maxErrorRatio) {

  /**
   * Judges {@code step}, run at {@code factor} times {@code baseRate}, the highest sustainable
   * rate.
   */
  public BenchResult.Overload judge(double factor, double baseRate, StepResult step) {
    // Every order ends one way: accepted (then completed or failed), shed, or failed unanswered.
    long failedUnaccepted = step.sent() - step.accepted() - step.shed();
    long acceptedNotCompleted = step.accepted() - step.completed();
    // An overload step that accepted nothing served no one, however fast it refused.
    boolean acceptWithinBound = step.accepted() > 0 && step.accept().p99() <= acceptP99.toMillis();
    boolean excessShed = failedUnaccepted <= maxErrorRatio * step.sent();
    boolean everyAcceptedCompleted = acceptedNotCompleted == 0;
    return new BenchResult.Overload(
        factor,
        baseRate,
        acceptP99.toMillis(),
        step,
        failedUnaccepted,
        acceptedNotCompleted,
        acceptWithinBound,
        excessShed,
        everyAcceptedCompleted,
        acceptWithinBound && excessShed && everyAcceptedCompleted);
  }
}
