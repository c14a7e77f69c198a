package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.readmodel.RecoveryReadModel;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.WorkflowLiveness;

/**
 * {@code recover} and {@code inspect} against a Temporal test server running a stand-in order
 * workflow; the activity runs on a worker there, called by a driver workflow like the sweep's. Real
 * time (no skipping): an update takes {@link StandInOrderWorkflow#SETTLE_TIME} to settle, longer
 * than the driver's heartbeat timeout.
 */
class RecoveryActivitiesImplTest {

  private static final String PATIENT = "recovery-patient";
  private static final String IMPATIENT = "recovery-impatient";
  private static final String DRIVER = "recovery-driver";
  private static final RecoveryRequest BY_SWEEP = new RecoveryRequest("recovery-sweep", "test");

  private static TestWorkflowEnvironment env;
  private static WorkflowClient client;
  private static RecoveryActivitiesImpl activities;
  private static HikariDataSource unusedDataSource;

  @BeforeAll
  static void startServer() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    client = env.getWorkflowClient();
    // These tests never reach the read model; an unconfigured pool opens no connection.
    unusedDataSource = new HikariDataSource();
    RecoveryReadModel readModel = new RecoveryReadModel(unusedDataSource);
    activities =
        new RecoveryActivitiesImpl(
            client, readModel, new PendingOrderUpdates(client, Duration.ofSeconds(20)));
    env.newWorker(OrderWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(StandInOrderWorkflow.class);
    env.newWorker(DRIVER).registerWorkflowImplementationTypes(RecoveryDriverWorkflow.Impl.class);
    env.newWorker(PATIENT).registerActivitiesImplementations(activities);
    Worker impatient = env.newWorker(IMPATIENT);
    impatient.registerActivitiesImplementations(
        new RecoveryActivitiesImpl(
            client, readModel, new PendingOrderUpdates(client, Duration.ofSeconds(1))));
    env.start();
  }

  @AfterAll
  static void stopServer() {
    env.close();
    unusedDataSource.close();
  }

  @Test
  void shouldRetryAPendingOrderAndHeartbeatUntilItSettles() {
    String orderId = placePendingOrder("o-");

    RecoveryOutcome outcome = recover(orderId, SweepDecision.RETRY, PATIENT, 1);

    assertThat(outcome).isEqualTo(new RecoveryOutcome(orderId, OrderStatus.COMPLETED, null, null));
  }

  @Test
  void shouldRollAPendingOrderBack() {
    String orderId = placePendingOrder("o-");

    RecoveryOutcome outcome = recover(orderId, SweepDecision.ROLLBACK, PATIENT, 1);

    assertThat(outcome).isEqualTo(new RecoveryOutcome(orderId, OrderStatus.CANCELLED, null, null));
  }

  @Test
  void shouldReportTheOrdersRefusalWhenItIsNoLongerPending() {
    String orderId = placePendingOrder("o-");
    recover(orderId, SweepDecision.RETRY, PATIENT, 1);

    RecoveryOutcome again = recover(orderId, SweepDecision.ROLLBACK, PATIENT, 1);

    assertThat(again.status()).isNull();
    assertThat(again.refusal()).isEqualTo("ORDER_NOT_PENDING: order is COMPLETED");
  }

  @Test
  void shouldReportTheOrdersRefusalToRollBackOnceCaptureBegan() {
    String orderId = placePendingOrder(StandInOrderWorkflow.CAPTURED_PREFIX);

    RecoveryOutcome outcome = recover(orderId, SweepDecision.ROLLBACK, PATIENT, 1);

    assertThat(outcome.status()).isNull();
    assertThat(outcome.refusal())
        .isEqualTo("ROLLBACK_NOT_ALLOWED: capture of " + orderId + " began");
    assertThat(orderStatus(orderId)).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void shouldReportAnOrderWithoutAWorkflow() {
    String orderId = "missing-" + UUID.randomUUID();

    RecoveryOutcome outcome = recover(orderId, SweepDecision.RETRY, PATIENT, 1);

    assertThat(outcome.status()).isNull();
    assertThat(outcome.refusal()).startsWith("ORDER_NOT_FOUND: ");
  }

  @Test
  void shouldWaitForTheSameUpdateAgainWhenAnAttemptRunsOutOfTime() {
    String orderId = placePendingOrder("o-");

    // Every attempt gives up after a second; the update takes three.
    RecoveryOutcome outcome = recover(orderId, SweepDecision.RETRY, IMPATIENT, 10);

    assertThat(outcome.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order(orderId).getOrder().version())
        .as("one retry ran, not one per attempt")
        .isEqualTo(2);
  }

  @Test
  void shouldFailAnAttemptThatRunsOutOfTimeSoItIsRetried() {
    String orderId = placePendingOrder("o-");

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> recover(orderId, SweepDecision.RETRY, IMPATIENT, 1));

    ApplicationFailure cause = (ApplicationFailure) failed.getCause().getCause();
    assertThat(cause.getType()).isEqualTo(PendingOrderUpdates.NOT_SETTLED);
    assertThat(cause.isNonRetryable()).isFalse();
  }

  @Test
  void shouldRefuseToRecoverWithADecisionThatIsNotAnAction() {
    String orderId = placePendingOrder("o-");

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> recover(orderId, SweepDecision.WAIT, PATIENT, 5));

    assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
    ApplicationFailure cause = (ApplicationFailure) failed.getCause().getCause();
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(orderStatus(orderId)).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void shouldTellARunningWorkflowFromAClosedOrAMissingOne() {
    String running = placePendingOrder("o-");
    String closed = placePendingOrder("o-");
    client.newUntypedWorkflowStub(PlaceOrderRequest.workflowId(closed)).terminate("test");

    assertThat(activities.inspect(running)).isEqualTo(WorkflowLiveness.RUNNING);
    assertThat(activities.inspect(closed)).isEqualTo(WorkflowLiveness.CLOSED);
    assertThat(activities.inspect("missing-" + UUID.randomUUID()))
        .isEqualTo(WorkflowLiveness.NOT_FOUND);
  }

  private static String placePendingOrder(String prefix) {
    String orderId = prefix + UUID.randomUUID();
    OrderWorkflow order =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                .setWorkflowId(PlaceOrderRequest.workflowId(orderId))
                .build());
    WorkflowClient.start(
        order::placeOrder,
        new PlaceOrderRequest(
            orderId,
            "demo-shop",
            "cust-001",
            List.of(new OrderLine("MUG", 1, 1200)),
            1200,
            null,
            List.of()));
    return orderId;
  }

  private static RecoveryOutcome recover(
      String orderId, SweepDecision decision, String activityQueue, int maxAttempts) {
    RecoveryDriverWorkflow driver =
        client.newWorkflowStub(
            RecoveryDriverWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(DRIVER)
                .setWorkflowId("driver-" + UUID.randomUUID())
                .build());
    return driver.recover(
        new RecoveryDriverWorkflow.Input(
            new RecoveryCommand(orderId, decision, BY_SWEEP), activityQueue, maxAttempts));
  }

  private static OrderWorkflow order(String orderId) {
    return client.newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(orderId));
  }

  private static OrderStatus orderStatus(String orderId) {
    return order(orderId).getOrder().status();
  }
}
