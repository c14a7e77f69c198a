package org.ordersystem.workflows.recovery;

import java.time.Duration;
import java.util.Objects;

/**
 * How the recovery sweep finds and treats stuck orders. Carried in each {@link SweepRequest}, so a
 * scheduled run, a timer loop and a sweep started by an operator all decide the same way.
 *
 * @param sweepInterval time between two scheduled sweeps
 * @param creatingStaleAfter a CREATING order with no transition for longer than this is stale:
 *     longer than any step's retry budget, so its workflow is stuck or gone
 * @param maxConcurrentRecoveries K: at most this many retries or rollbacks run at once, so a
 *     service that just came back is not hit by every stuck order together
 * @param maxRetries how many retry budgets a PENDING step may use up before the sweep gives up on
 *     retrying it (rolls it back before capture, reports it after)
 * @param retryBackoff how long after an order became PENDING the sweep first retries it; doubles
 *     with each attempt
 * @param maxRetryBackoff the cap of that doubling
 * @param maxPendingAge an order placed longer ago than this is rolled back instead of retried, when
 *     it still can be: a customer no longer waits for it
 * @param batchSize the most candidates one sweep examines; the next sweep takes the rest
 */
public record RecoverySettings(
    Duration sweepInterval,
    Duration creatingStaleAfter,
    int maxConcurrentRecoveries,
    int maxRetries,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    Duration maxPendingAge,
    int batchSize) {

  public RecoverySettings {
    requirePositive(sweepInterval, "sweepInterval");
    requirePositive(creatingStaleAfter, "creatingStaleAfter");
    requirePositive(retryBackoff, "retryBackoff");
    requirePositive(maxRetryBackoff, "maxRetryBackoff");
    requirePositive(maxPendingAge, "maxPendingAge");
    if (maxConcurrentRecoveries < 1) {
      throw new IllegalArgumentException("maxConcurrentRecoveries must be at least 1");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
  }

  /** Every five minutes, 4 at once, 5 retries from a minute up to an hour apart, a day at most. */
  public static RecoverySettings defaults() {
    return new RecoverySettings(
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        4,
        5,
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofDays(1),
        500);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
