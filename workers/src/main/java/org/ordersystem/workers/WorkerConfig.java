package org.ordersystem.workers;

import java.time.Duration;
import java.util.Map;
import org.ordersystem.activities.ServiceClients;

/**
 * What a worker process needs to know.
 *
 * @param temporalTarget Temporal frontend, {@code host:port}
 * @param ordersDbUrl JDBC URL of the {@code orders} database (the read model)
 * @param stepRetryBudget how long a step before capture may keep failing transiently
 * @param callDeadline deadline of each gRPC call to a service
 */
public record WorkerConfig(
    String temporalTarget,
    String namespace,
    ServiceClients.Targets services,
    String ordersDbUrl,
    String dbUser,
    String dbPassword,
    Duration stepRetryBudget,
    Duration callDeadline) {

  /**
   * Reads the configuration from environment variables: {@code ORDERS_TEMPORAL_TARGET}
   * (localhost:7233), {@code ORDERS_TEMPORAL_NAMESPACE} (default), {@code ORDERS_STOCK_TARGET}
   * (localhost:50051), {@code ORDERS_SHIPPING_TARGET} (localhost:50052), {@code
   * ORDERS_PAYMENT_TARGET} (localhost:50053), {@code ORDERS_DB_URL} (a MySQL server URL; the {@code
   * orders} database is used), {@code ORDERS_DB_USER} (root), {@code ORDERS_DB_PASSWORD} (empty),
   * {@code ORDERS_STEP_RETRY_BUDGET} (PT5M) and {@code ORDERS_CALL_DEADLINE} (PT5S).
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
        Duration.parse(env.getOrDefault("ORDERS_STEP_RETRY_BUDGET", "PT5M")),
        Duration.parse(env.getOrDefault("ORDERS_CALL_DEADLINE", "PT5S")));
  }
}
