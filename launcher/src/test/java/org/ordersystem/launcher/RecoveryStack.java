package org.ordersystem.launcher;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.RecoveryReadModel;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * A second local stack, for the recovery tests: its steps run out of budget in seconds, its sweep
 * runs every two seconds, and its notifications go to a webhook in this JVM.
 *
 * <p>Why not the shared {@link RunningStack}: its two-minute budget is what lets the outage
 * rehearsals of the other tests clear without their orders turning PENDING, and a sweep every two
 * seconds there would act on those tests' orders behind their backs. A stack of its own costs a few
 * seconds at start and keeps both sets of tests honest.
 */
final class RecoveryStack {

  static final String SHOP_KEY = "recovery-shop-key";
  static final String OPERATOR_KEY = "recovery-operator-key";

  /** Short, so a shipping outage makes an order PENDING within seconds. */
  static final Duration STEP_BUDGET = Duration.ofSeconds(3);

  /**
   * A sweep every 2 seconds; a PENDING order is first retried 15 seconds after it stopped, which
   * leaves a test the time to act as an operator before the sweep does.
   */
  static final RecoverySettings SETTINGS =
      new RecoverySettings(
          Duration.ofSeconds(2),
          Duration.ofMinutes(10),
          2,
          5,
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          Duration.ofDays(1),
          100);

  private static LocalStack stack;
  private static WebhookReceiver webhook;
  private static HikariDataSource ordersDb;

  private RecoveryStack() {}

  static synchronized LocalStack get() {
    if (stack == null) {
      try {
        webhook = new WebhookReceiver();
        stack =
            E2eStacks.start(
                "orders-recovery-e2e",
                "embedded",
                SHOP_KEY,
                OPERATOR_KEY,
                STEP_BUDGET,
                SETTINGS,
                webhook.url(),
                ReconciliationSettings.defaults());
        ordersDb = new HikariDataSource();
        ordersDb.setJdbcUrl(stack.ordersDbUrl());
        ordersDb.setUsername("root");
        ordersDb.setPassword("");
        ordersDb.setMaximumPoolSize(2);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      ordersDb.close();
                      webhook.close();
                    }));
      } catch (Exception e) {
        throw new IllegalStateException("recovery stack did not start", e);
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

  static WebhookReceiver webhook() {
    get();
    return webhook;
  }

  /** The recovery sweeps' record, read straight from the stack's database. */
  static RecoveryReadModel sweeps() {
    get();
    return new RecoveryReadModel(ordersDb);
  }

  /** The order read model, read straight from the stack's database. */
  static OrderReadModel orders() {
    get();
    return new OrderReadModel(ordersDb);
  }
}
