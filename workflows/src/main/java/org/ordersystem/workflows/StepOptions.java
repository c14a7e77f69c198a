package org.ordersystem.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Arrays;

/**
 * Every activity option of the order workflows in one place: the workflows use them and the tests
 * assert against the same values, so a timeout changes in one line.
 */
public final class StepOptions {

  /** Longer than the activities' gRPC deadlines (~5 s), so a slow call fails as a gRPC error. */
  public static final Duration START_TO_CLOSE = Duration.ofSeconds(10);

  /** First wait before retrying a transient failure. */
  public static final Duration INITIAL_INTERVAL = Duration.ofMillis(500);

  /** Each wait doubles the previous one... */
  public static final double BACKOFF_COEFFICIENT = 2.0;

  /** ...up to this cap, so an order resumes within seconds once an outage clears. */
  public static final Duration MAXIMUM_INTERVAL = Duration.ofSeconds(10);

  /** One read-model write is a single-row upsert; anything slower is a stuck connection. */
  public static final Duration READ_MODEL_START_TO_CLOSE = Duration.ofSeconds(5);

  /**
   * How long one round of read-model retries lasts. The SDK retries a local activity only when it
   * has a schedule-to-close timeout or an attempt limit, so the workflow runs further rounds.
   */
  public static final Duration READ_MODEL_SCHEDULE_TO_CLOSE = Duration.ofMinutes(1);

  private StepOptions() {}

  /**
   * Retries transient failures with exponential backoff and no attempt limit; the business failures
   * ({@link FailureType}) are final, so they are never retried.
   */
  public static RetryOptions transientRetries() {
    return RetryOptions.newBuilder()
        .setInitialInterval(INITIAL_INTERVAL)
        .setBackoffCoefficient(BACKOFF_COEFFICIENT)
        .setMaximumInterval(MAXIMUM_INTERVAL)
        .setMaximumAttempts(0)
        .setDoNotRetry(nonRetryableTypes())
        .build();
  }

  /**
   * A step of the purchase flow (reserve, authorize, register shipping, capture, commit): it
   * retries transient failures within a budget; when the budget runs out the order becomes PENDING
   * and waits for a retry (a fresh budget) or a rollback (see {@code StepRecovery}).
   *
   * @param retryBudget how long the step may keep retrying, from its first schedule
   */
  public static ActivityOptions withinBudget(Duration retryBudget) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(START_TO_CLOSE)
        .setScheduleToCloseTimeout(retryBudget)
        .setRetryOptions(transientRetries())
        .build();
  }

  /** Local attempts of a service step before it goes on as an activity ({@code LocalFirst}). */
  public static final int LOCAL_ATTEMPTS = 3;

  /** First wait between local attempts: short, since the activity takes over soon anyway. */
  public static final Duration LOCAL_INITIAL_INTERVAL = Duration.ofMillis(100);

  /**
   * A service step's first, local attempts: a few quick ones within one call deadline's time, so a
   * blip heals at local cost and an outage moves on to the activity within about a second of failed
   * calls (at most {@link #START_TO_CLOSE} for a hung one).
   */
  public static LocalActivityOptions localAttempts() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(START_TO_CLOSE)
        .setScheduleToCloseTimeout(START_TO_CLOSE)
        .setRetryOptions(
            RetryOptions.newBuilder(transientRetries())
                .setInitialInterval(LOCAL_INITIAL_INTERVAL)
                .setMaximumAttempts(LOCAL_ATTEMPTS)
                .build())
        .build();
  }

  /**
   * Every compensation, and a refund's steps: there is nothing left to fall back on (a compensation
   * is the rollback), so they retry until they succeed.
   */
  public static ActivityOptions untilDone() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(START_TO_CLOSE)
        .setRetryOptions(transientRetries())
        .build();
  }

  /**
   * Read-model writes run as local activities: they are short, local to the worker's database and
   * must not cost an activity task each. One round retries for {@link
   * #READ_MODEL_SCHEDULE_TO_CLOSE}; the workflow starts another round until the write lands, so the
   * read model never misses a transition. Versioned writes make the retries harmless.
   */
  public static LocalActivityOptions readModel() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(READ_MODEL_START_TO_CLOSE)
        .setScheduleToCloseTimeout(READ_MODEL_SCHEDULE_TO_CLOSE)
        .setRetryOptions(transientRetries())
        .build();
  }

  /** How long a webhook notification is retried before it is given up (and logged). */
  public static final Duration NOTIFICATION_SCHEDULE_TO_CLOSE = Duration.ofHours(1);

  /**
   * A webhook notification: retried with the usual backoff, but given up after {@link
   * #NOTIFICATION_SCHEDULE_TO_CLOSE}, since an order must never wait on its report.
   */
  public static ActivityOptions notification() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(START_TO_CLOSE)
        .setScheduleToCloseTimeout(NOTIFICATION_SCHEDULE_TO_CLOSE)
        .setRetryOptions(
            RetryOptions.newBuilder(transientRetries())
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /** The failure types that are never retried: every {@link FailureType} name. */
  public static String[] nonRetryableTypes() {
    return Arrays.stream(FailureType.values()).map(Enum::name).toArray(String[]::new);
  }
}
