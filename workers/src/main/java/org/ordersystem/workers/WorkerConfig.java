package org.ordersystem.workers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.ordersystem.payloadcodec.PayloadKeys;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * What a worker process needs to know.
 *
 * @param temporalTarget Temporal frontend, {@code host:port}
 * @param ordersDbUrl JDBC URL of the {@code orders} database (the read model)
 * @param stepRetryBudget how long a step may keep failing transiently before the order becomes
 *     PENDING
 * @param callDeadline deadline of each gRPC call to a service
 * @param recovery how the recovery sweep finds and treats stuck orders
 * @param recoveryScheduler how the periodic sweep is started
 * @param notifyWebhook where notifications are POSTed; null to log them
 * @param payloadEncryption how Temporal payloads are encrypted; the API must use the same keys
 */
public record WorkerConfig(
    String temporalTarget,
    String namespace,
    ServiceClients.Targets services,
    String ordersDbUrl,
    String dbUser,
    String dbPassword,
    Duration stepRetryBudget,
    Duration callDeadline,
    RecoverySettings recovery,
    RecoveryScheduler recoveryScheduler,
    URI notifyWebhook,
    PayloadEncryption payloadEncryption) {

  /**
   * Reads the configuration from environment variables: {@code ORDERS_TEMPORAL_TARGET}
   * (localhost:7233), {@code ORDERS_TEMPORAL_NAMESPACE} (default), {@code ORDERS_STOCK_TARGET}
   * (localhost:50051), {@code ORDERS_SHIPPING_TARGET} (localhost:50052), {@code
   * ORDERS_PAYMENT_TARGET} (localhost:50053), {@code ORDERS_DB_URL} (a MySQL server URL; the {@code
   * orders} database is used), {@code ORDERS_DB_USER} (root), {@code ORDERS_DB_PASSWORD} (empty),
   * {@code ORDERS_CALL_DEADLINE} (PT5S), the recovery variables of {@link RecoveryEnv}, and {@code
   * ORDERS_PAYLOAD_KEYS} or {@code ORDERS_PAYLOAD_KEYS_FILE} ({@link PayloadKeys}).
   *
   * @throws IllegalArgumentException naming the variable whose value is malformed
   */
  public static WorkerConfig fromEnv(Map<String, String> env) {
    return new WorkerConfig(
        env.getOrDefault("ORDERS_TEMPORAL_TARGET", "localhost:7233"),
        env.getOrDefault("ORDERS_TEMPORAL_NAMESPACE", "default"),
        new ServiceClients.Targets(
            env.getOrDefault("ORDERS_STOCK_TARGET", "localhost:50051"),
            env.getOrDefault("ORDERS_SHIPPING_TARGET", "localhost:50052"),
            env.getOrDefault("ORDERS_PAYMENT_TARGET", "localhost:50053")),
        JdbcUrls.forDatabase(
            env.getOrDefault("ORDERS_DB_URL", "jdbc:mysql://localhost:3306"), "orders"),
        env.getOrDefault("ORDERS_DB_USER", "root"),
        env.getOrDefault("ORDERS_DB_PASSWORD", ""),
        RecoveryEnv.stepBudget(env),
        EnvValues.positiveDuration(env, "ORDERS_CALL_DEADLINE", Duration.ofSeconds(5)),
        RecoveryEnv.settings(env),
        RecoveryEnv.scheduler(env),
        RecoveryEnv.notifyWebhook(env),
        PayloadEncryption.fromEnv(env));
  }
}
