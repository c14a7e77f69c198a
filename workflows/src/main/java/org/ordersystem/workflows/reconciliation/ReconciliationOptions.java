package org.ordersystem.workflows.reconciliation;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.ordersystem.workflows.StepOptions;

/** Every activity option of reconciliation in one place; the tests use the same. */
public final class ReconciliationOptions {

  /** How long the provider's feed lags behind its changes, and a little more. */
  public static final Duration FEED_LAG = Duration.ofSeconds(3);

  private ReconciliationOptions() {}

  /**
   * Ingestion, comparison and the store: retried while the run lasts; a run that cannot get through
   * fails, and the next run starts over from the stored cursor.
   */
  public static ActivityOptions bookkeeping() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setHeartbeatTimeout(Duration.ofMinutes(1))
        .setScheduleToCloseTimeout(Duration.ofMinutes(15))
        .setRetryOptions(StepOptions.transientRetries())
        .build();
  }

  /**
   * Corrective calls: retried for a while with the same key; a correction that keeps failing is
   * left OPEN, reported, and tried again by the next run with the same key.
   */
  public static ActivityOptions corrections() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(StepOptions.START_TO_CLOSE)
        .setScheduleToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(StepOptions.transientRetries())
        .build();
  }

  /**
   * Telling an order: waits until its retry or rollback settles, which takes a step's budget, and
   * heartbeats meanwhile, so a worker that dies is noticed in half a minute. A retried attempt
   * waits for the update the first one sent.
   */
  public static ActivityOptions orderUpdates() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(15))
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(20))
        .setRetryOptions(StepOptions.transientRetries())
        .build();
  }

  /** The webhook: retried for a while; a mismatch not notified is notified by the next run. */
  public static ActivityOptions notifications() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(
            RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
        .build();
  }
}
