package org.ordersystem.workers;

import java.time.Duration;
import java.util.Map;
import org.ordersystem.reconciliation.ReconciliationSchema;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;

/**
 * What payment reconciliation needs in a worker process.
 *
 * @param enabled whether the workers schedule runs; they always serve runs started by operators
 * @param pspTarget the card provider, for its event feed and the corrections made there
 * @param dbUrl JDBC URL of the {@code reconciliation} database
 */
public record ReconciliationConfig(
    boolean enabled, String pspTarget, String dbUrl, ReconciliationSettings settings) {

  /**
   * Reads {@code ORDERS_RECON_ENABLED} (true), {@code ORDERS_PSP_TARGET} (localhost:50054), {@code
   * ORDERS_RECON_DB_URL} (the {@code reconciliation} database beside {@code ordersDbUrl}), {@code
   * ORDERS_RECON_INTERVAL} (PT5M), {@code ORDERS_RECON_WINDOW} (P7D), {@code ORDERS_RECON_GRACE}
   * (PT2M).
   */
  public static ReconciliationConfig fromEnv(Map<String, String> env, String ordersDbUrl) {
    ReconciliationSettings defaults = ReconciliationSettings.defaults();
    return new ReconciliationConfig(
        Boolean.parseBoolean(env.getOrDefault("ORDERS_RECON_ENABLED", "true")),
        env.getOrDefault("ORDERS_PSP_TARGET", "localhost:50054"),
        env.getOrDefault("ORDERS_RECON_DB_URL", ReconciliationSchema.urlBeside(ordersDbUrl)),
        new ReconciliationSettings(
            duration(env, "ORDERS_RECON_INTERVAL", defaults.interval()),
            duration(env, "ORDERS_RECON_WINDOW", defaults.window()),
            duration(env, "ORDERS_RECON_GRACE", defaults.grace()),
            defaults.maxEventPages(),
            defaults.maxActions()));
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : Duration.parse(value);
  }
}
