package org.ordersystem.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ordersystem.workers.RecoveryScheduler;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * Starts a local stack for end-to-end tests as {@code dev/run} starts it, in this JVM: a fresh data
 * directory, the in-process Temporal server and MariaDB on free ports, started again on others when
 * another process took one first.
 */
final class E2eStacks {

  private E2eStacks() {}

  /**
   * @param name the data directory's prefix
   * @param temporalTarget {@code embedded} or {@code dev}
   * @param notifyWebhook where PENDING orders and sweeps are reported; null to log them
   */
  static LocalStack start(
      String name,
      String temporalTarget,
      String shopKey,
      String operatorKey,
      Duration stepRetryBudget,
      RecoverySettings recovery,
      URI notifyWebhook,
      ReconciliationSettings reconciliation)
      throws Exception {
    return start(
        name,
        temporalTarget,
        shopKey,
        operatorKey,
        stepRetryBudget,
        recovery,
        notifyWebhook,
        reconciliation,
        Map.of());
  }

  /**
   * As the other {@code start}, with API properties on top of the stack's own.
   *
   * @param apiOverrides such as the SLO windows, shrunk to seconds
   */
  static LocalStack start(
      String name,
      String temporalTarget,
      String shopKey,
      String operatorKey,
      Duration stepRetryBudget,
      RecoverySettings recovery,
      URI notifyWebhook,
      ReconciliationSettings reconciliation,
      Map<String, Object> apiOverrides)
      throws Exception {
    AtomicReference<Path> dataDir = new AtomicReference<>();
    LocalStack stack =
        FreePorts.retryWhenTaken(
            () -> {
              // Not TestDirs.create: its exit hook could delete the data of a stack still stopping.
              dataDir.set(TestDirs.createKept(name));
              return LocalStack.start(
                  new LocalStackOptions(
                      dataDir.get(),
                      0,
                      temporalTarget,
                      FreePorts.any(),
                      FreePorts.any(),
                      "embedded",
                      FreePorts.any(),
                      "root",
                      "",
                      new LocalStackOptions.ServicePorts(0, 0, 0, 0),
                      shopKey,
                      operatorKey,
                      stepRetryBudget,
                      Duration.ofHours(24),
                      recovery,
                      RecoveryScheduler.AUTO,
                      notifyWebhook,
                      reconciliation),
                  apiOverrides);
            });
    // Stopped, then its data deleted, in one hook: hooks run in no set order. A test that stops it
    // earlier leaves this hook nothing to stop.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  TestDirs.delete(dataDir.get());
                }));
    return stack;
  }
}
