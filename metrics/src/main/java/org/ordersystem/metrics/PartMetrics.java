package org.ordersystem.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * The registry and scrape endpoint of a part started from a plain {@code main} (workers, services),
 * with the JVM and CPU meters Spring Boot would have bound for the API.
 */
public final class PartMetrics {

  /** Variable naming the scrape port; {@code off} serves none. */
  public static final String PORT_VARIABLE = "ORDERS_METRICS_PORT";

  private PartMetrics() {}

  /** A Prometheus registry with the JVM's memory, GC, thread, CPU and uptime meters. */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * The scrape port from {@link #PORT_VARIABLE}.
   *
   * @return the port, or -1 when the variable says {@code off}
   * @throws IllegalArgumentException naming the variable when its value is not a port
   */
  public static int port(Map<String, String> env, int defaultPort) {
    String value = env.get(PORT_VARIABLE);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    if (value.strip().equalsIgnoreCase("off")) {
      return -1;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException(
        PORT_VARIABLE + " must be a port from 0 to 65535 or off, got " + value);
  }
}
