package org.ordersystem.workers;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.ordersystem.metrics.MetricsHttpServer;
import org.ordersystem.metrics.PartMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the order workers as a process of their own; configured by environment variables. {@code
 * ORDERS_METRICS_PORT} (default {@value #DEFAULT_METRICS_PORT}, {@code off} for none) is where
 * Prometheus scrapes {@code /metrics}: the Temporal SDK's worker metrics and the services' call
 * latency and errors.
 */
public final class WorkerMain {

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  /** Scrape port when {@code ORDERS_METRICS_PORT} is unset; the services default to 9466. */
  static final int DEFAULT_METRICS_PORT = 9465;

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerConfig config;
    try {
      config = WorkerConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    ReconciliationConfig reconciliation;
    try {
      reconciliation = ReconciliationConfig.fromEnv(System.getenv(), config.ordersDbUrl());
    } catch (RuntimeException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    int metricsPort;
    try {
      metricsPort = PartMetrics.port(System.getenv(), DEFAULT_METRICS_PORT);
    } catch (IllegalArgumentException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrometheusMeterRegistry metrics = PartMetrics.newRegistry();
    MetricsHttpServer metricsServer =
        metricsPort < 0 ? null : MetricsHttpServer.start(metrics, metricsPort);
    if (metricsServer != null) {
      log.info("Metrics on http://localhost:{}{}", metricsServer.port(), MetricsHttpServer.PATH);
    }
    OrderWorkers workers =
        OrderWorkers.start(config, reconciliation, WorkerTuning.fromEnv(System.getenv()), metrics);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    workers.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    if (metricsServer != null) {
                      metricsServer.close();
                    }
                    stopped.countDown();
                  }
                }));
    stopped.await();
  }
}
