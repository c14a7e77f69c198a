package org.ordersystem.workers;

import java.util.concurrent.CountDownLatch;

/** Runs the order workers as a process of their own; configured by environment variables. */
public final class WorkerMain {

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
    OrderWorkers workers = OrderWorkers.start(config, reconciliation);
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
                    stopped.countDown();
                  }
                }));
    stopped.await();
  }
}
