package org.ordersystem.launcher;

import java.time.Duration;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * One local stack for all end-to-end tests of this JVM, on free ports and a fresh data directory,
 * started the way {@code dev/run} starts it.
 */
final class RunningStack {

  static final String SHOP_KEY = "e2e-shop-key";
  static final String OPERATOR_KEY = "e2e-operator-key";

  /**
   * Long enough for the outage rehearsals to clear inside it. The recovery tests need a budget of
   * seconds and run on a stack of their own ({@link RecoveryStack}).
   */
  static final Duration STEP_RETRY_BUDGET = Duration.ofMinutes(2);

  /**
   * Reconciliation runs when a test asks (the timer's hour never comes), with a grace short enough
   * for a test to wait out.
   */
  static final ReconciliationSettings RECONCILIATION =
      new ReconciliationSettings(
          Duration.ofHours(1), Duration.ofDays(1), Duration.ofSeconds(5), 100, 200);

  private static LocalStack stack;

  private RunningStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      try {
        stack =
            E2eStacks.start(
                "orders-e2e",
                "embedded",
                SHOP_KEY,
                OPERATOR_KEY,
                STEP_RETRY_BUDGET,
                RecoverySettings.defaults(),
                null,
                RECONCILIATION);
      } catch (Exception e) {
        throw new IllegalStateException("local stack did not start", e);
      }
    }
    return stack;
  }

  static ApiClient shop() {
    return new ApiClient(get().apiPort(), SHOP_KEY);
  }

  static ApiClient operator() {
    return new ApiClient(get().apiPort(), OPERATOR_KEY);
  }
}
