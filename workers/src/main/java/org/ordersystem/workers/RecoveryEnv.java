package org.ordersystem.workers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * The recovery variables, read the same way by a worker process and by the local stack (which hands
 * the same values to its API for sweeps started by operators).
 */
public final class RecoveryEnv {

  public static final String STEP_BUDGET = "ORDERS_RECOVERY_STEP_BUDGET";

  /** The name {@link #STEP_BUDGET} had before PENDING orders; still read when it is unset. */
  public static final String OLD_STEP_BUDGET = "ORDERS_STEP_RETRY_BUDGET";

  public static final String SWEEP_INTERVAL = "ORDERS_RECOVERY_SWEEP_INTERVAL";
  public static final String CREATING_STALE_AFTER = "ORDERS_RECOVERY_CREATING_STALE_AFTER";
  public static final String MAX_CONCURRENT = "ORDERS_RECOVERY_MAX_CONCURRENT";
  public static final String MAX_RETRIES = "ORDERS_RECOVERY_MAX_RETRIES";
  public static final String RETRY_BACKOFF = "ORDERS_RECOVERY_RETRY_BACKOFF";
  public static final String MAX_RETRY_BACKOFF = "ORDERS_RECOVERY_MAX_RETRY_BACKOFF";
  public static final String MAX_PENDING_AGE = "ORDERS_RECOVERY_MAX_PENDING_AGE";
  public static final String BATCH_SIZE = "ORDERS_RECOVERY_BATCH_SIZE";
  public static final String SCHEDULER = "ORDERS_RECOVERY_SCHEDULER";
  public static final String NOTIFY_WEBHOOK_URL = "ORDERS_NOTIFY_WEBHOOK_URL";

  public static final Duration DEFAULT_STEP_BUDGET = Duration.ofMinutes(5);

  private RecoveryEnv() {}

  /**
   * How long a step may keep failing before the order becomes PENDING: {@link #STEP_BUDGET}, else
   * {@link #OLD_STEP_BUDGET}, else {@link #DEFAULT_STEP_BUDGET}.
   */
  public static Duration stepBudget(Map<String, String> env) {
    if (EnvValues.text(env, STEP_BUDGET) != null) {
      return EnvValues.positiveDuration(env, STEP_BUDGET, DEFAULT_STEP_BUDGET);
    }
    return EnvValues.positiveDuration(env, OLD_STEP_BUDGET, DEFAULT_STEP_BUDGET);
  }

  /** The sweep's settings; each unset variable keeps {@link RecoverySettings#defaults()}. */
  public static RecoverySettings settings(Map<String, String> env) {
    RecoverySettings d = RecoverySettings.defaults();
    return new RecoverySettings(
        EnvValues.positiveDuration(env, SWEEP_INTERVAL, d.sweepInterval()),
        EnvValues.positiveDuration(env, CREATING_STALE_AFTER, d.creatingStaleAfter()),
        EnvValues.integer(env, MAX_CONCURRENT, d.maxConcurrentRecoveries(), 1),
        EnvValues.integer(env, MAX_RETRIES, d.maxRetries(), 0),
        EnvValues.positiveDuration(env, RETRY_BACKOFF, d.retryBackoff()),
        EnvValues.positiveDuration(env, MAX_RETRY_BACKOFF, d.maxRetryBackoff()),
        EnvValues.positiveDuration(env, MAX_PENDING_AGE, d.maxPendingAge()),
        EnvValues.integer(env, BATCH_SIZE, d.batchSize(), 1));
  }

  /** {@link #SCHEDULER}: auto (the default), schedule, timer or off. */
  public static RecoveryScheduler scheduler(Map<String, String> env) {
    String value = EnvValues.text(env, SCHEDULER);
    return value == null ? RecoveryScheduler.AUTO : RecoveryScheduler.parse(SCHEDULER, value);
  }

  /** {@link #NOTIFY_WEBHOOK_URL}, or null: notifications are then logged. */
  public static URI notifyWebhook(Map<String, String> env) {
    return EnvValues.httpUrl(env, NOTIFY_WEBHOOK_URL);
  }
}
