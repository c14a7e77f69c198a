package org.ordersystem.services;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.ordersystem.metrics.MetricsHttpServer;
import org.ordersystem.metrics.PartMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reference services and the simulated payment provider as a process of their own,
 * configured by environment variables:
 *
 * <ul>
 *   <li>{@code ORDERS_STOCK_DB_URL}, {@code ORDERS_SHIPPING_DB_URL}, {@code ORDERS_PAYMENT_DB_URL}
 *       (required): mysql-connector-j URLs of the three databases, for example {@code
 *       jdbc:mysql://localhost:3306/stock?createDatabaseIfNotExist=true}.
 *   <li>{@code ORDERS_PSP_DB_URL} (required unless {@code ORDERS_PSP_TARGET} is set): the
 *       provider's database.
 *   <li>{@code ORDERS_DB_USER} (default {@code root}) and {@code ORDERS_DB_PASSWORD} (default
 *       empty): the user of all the databases.
 *   <li>{@code ORDERS_STOCK_PORT} (default 50051), {@code ORDERS_SHIPPING_PORT} (50052), {@code
 *       ORDERS_PAYMENT_PORT} (50053), {@code ORDERS_PSP_PORT} (50054): gRPC ports; 0 picks a free
 *       one.
 *   <li>{@code ORDERS_PSP_TARGET} (default unset): a provider elsewhere, for example {@code
 *       psp.internal:50054}; then no provider starts here.
 *   <li>{@code ORDERS_PSP_AUTH_TTL} (ISO-8601 duration, default {@code PT24H}): how long a card
 *       authorization holds before it expires.
 *   <li>{@code ORDERS_METRICS_PORT} (default {@value #DEFAULT_METRICS_PORT}; {@code off} for none):
 *       where Prometheus scrapes {@code /metrics}, with the provider calls' latency and errors
 *       ({@code downstream_call_seconds{downstream="psp"}}) and the JVM's meters.
 *   <li>{@code ORDERS_SEED_DEMO_DATA} ({@code true} or {@code false}, default {@code false}):
 *       insert the demo catalog and wallets where missing.
 * </ul>
 *
 * <p>Stops cleanly on SIGTERM or Ctrl-C.
 */
public final class ServicesMain {

  private static final Logger log = LoggerFactory.getLogger(ServicesMain.class);

  /** Scrape port when {@code ORDERS_METRICS_PORT} is unset; the workers default to 9465. */
  static final int DEFAULT_METRICS_PORT = 9466;

  private ServicesMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServicesConfig config;
    int metricsPort;
    try {
      config = fromEnvironment(System.getenv());
      metricsPort = PartMetrics.port(System.getenv(), DEFAULT_METRICS_PORT);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry metrics = PartMetrics.newRegistry();
    MetricsHttpServer metricsServer =
        metricsPort < 0 ? null : MetricsHttpServer.start(metrics, metricsPort);
    ReferenceServices services = ReferenceServices.start(config, metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the reference services");
                  services.close();
                  if (metricsServer != null) {
                    metricsServer.close();
                  }
                  stopped.countDown();
                },
                "services-stop"));
    log.info(
        "Reference services up: stock on {}, shipping on {}, payment on {}, psp on {}",
        services.stockPort(),
        services.shippingPort(),
        services.paymentPort(),
        config.runsPsp() ? services.pspPort() : config.pspTarget());
    if (metricsServer != null) {
      log.info("Metrics on http://localhost:{}{}", metricsServer.port(), MetricsHttpServer.PATH);
    }
    stopped.await();
  }

  /**
   * Reads the configuration from environment variables.
   *
   * @throws IllegalArgumentException naming the missing or malformed variable
   */
  static ServicesConfig fromEnvironment(Map<String, String> env) {
    String pspTarget = env.get("ORDERS_PSP_TARGET");
    boolean remotePsp = pspTarget != null && !pspTarget.isBlank();
    return new ServicesConfig(
        required(env, "ORDERS_STOCK_DB_URL"),
        required(env, "ORDERS_SHIPPING_DB_URL"),
        required(env, "ORDERS_PAYMENT_DB_URL"),
        env.getOrDefault("ORDERS_DB_USER", "root"),
        env.getOrDefault("ORDERS_DB_PASSWORD", ""),
        port(env, "ORDERS_STOCK_PORT", 50051),
        port(env, "ORDERS_SHIPPING_PORT", 50052),
        port(env, "ORDERS_PAYMENT_PORT", 50053),
        flag(env, "ORDERS_SEED_DEMO_DATA"),
        port(env, "ORDERS_PSP_PORT", 50054),
        duration(env, "ORDERS_PSP_AUTH_TTL", Duration.ofHours(24)),
        remotePsp ? env.get("ORDERS_PSP_DB_URL") : required(env, "ORDERS_PSP_DB_URL"),
        remotePsp ? pspTarget.strip() : null);
  }

  private static Duration duration(Map<String, String> env, String name, Duration defaultValue) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      Duration duration = Duration.parse(value.strip());
      if (!duration.isNegative() && !duration.isZero()) {
        return duration;
      }
    } catch (DateTimeParseException e) {
      // Falls through to the message below.
    }
    throw new IllegalArgumentException(
        name + " must be a positive ISO-8601 duration such as PT24H, got " + value);
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required, for example jdbc:mysql://...");
    }
    return value;
  }

  private static int port(Map<String, String> env, String name, int defaultPort) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port from 0 to 65535, got " + value);
    }
  }

  private static boolean flag(Map<String, String> env, String name) {
    String value = env.getOrDefault(name, "false").strip();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, got " + value);
  }
}
