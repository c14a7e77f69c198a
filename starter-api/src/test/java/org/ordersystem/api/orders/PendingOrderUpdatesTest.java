package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ordersystem.api.orders.OrderWorkflowGatewayTest.request;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.orders.StandInOrderWorkflow.Scenario;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RecoveryRequest;

/**
 * Retry and rollback of PENDING orders against the in-process test server and {@link
 * StandInOrderWorkflow}: settled in time, accepted but still running, each refusal with the
 * workflow's explanation, and sent to no running workflow.
 */
class PendingOrderUpdatesTest {

  private static final Duration LONG = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(700);
  private static final RecoveryRequest BY_HANAKO = new RecoveryRequest("operator:hanako", null);

  private TestWorkflowEnvironment env;
  private TemporalCalls calls;
  private OrderWorkflowGateway gateway;
  private OrderUpdates updates;

  @BeforeEach
  void startTestServer() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(OrderWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(StandInOrderWorkflow.class);
    env.start();
    calls = OrderWorkflowGatewayTest.calls();
    gateway = new OrderWorkflowGateway(env.getWorkflowClient(), calls);
    updates = new OrderUpdates(env.getWorkflowClient(), calls);
  }

  @AfterEach
  void stop() {
    calls.close();
    for (String orderId : List.of("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7")) {
      try {
        env.getWorkflowClient().newUntypedWorkflowStub("order-" + orderId).terminate("test over");
      } catch (WorkflowNotFoundException e) {
        // finished or never started
      }
    }
    env.close();
  }

  @Test
  void shouldRetryAPendingOrderAndReturnItSettled() {
    gateway.place(request("p-1", Scenario.PENDING_BEFORE_CAPTURE.customerId), LONG);

    UpdateOutcome<OrderView> outcome = updates.retryPending("p-1", BY_HANAKO, LONG);

    assertThat(completed(outcome).status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed(outcome).pending()).isNull();
  }

  @Test
  void shouldReturnTheOrderPendingAgainWhenTheRetryRanOutToo() {
    gateway.place(request("p-2", Scenario.PENDING_BEFORE_CAPTURE.customerId), LONG);

    UpdateOutcome<OrderView> outcome =
        updates.retryPending(
            "p-2", new RecoveryRequest("operator:hanako", StandInOrderWorkflow.FAILS_AGAIN), LONG);

    OrderView order = completed(outcome);
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.pending().attempts()).isEqualTo(2);
    assertThat(order.pending().step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
  }

  @Test
  void shouldReportAcceptedWhenTheRetryDoesNotSettleInTime() {
    gateway.place(request("p-3", Scenario.PENDING_BEFORE_CAPTURE.customerId), LONG);

    assertThat(
            updates.retryPending(
                "p-3",
                new RecoveryRequest("operator:hanako", StandInOrderWorkflow.NEVER_FINISHES),
                SHORT))
        .isInstanceOf(UpdateOutcome.Accepted.class);
    assertThat(gateway.query("p-3").orElseThrow().status()).isEqualTo(OrderStatus.CREATING);
  }

  @Test
  void shouldRollAPendingOrderBack() {
    gateway.place(request("p-4", Scenario.PENDING_BEFORE_CAPTURE.customerId), LONG);

    OrderView order = completed(updates.rollbackPending("p-4", BY_HANAKO, LONG));

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
  }

  @Test
  void shouldRefuseARetryOrRollbackOfAnOrderThatIsNotPendingWithTheWorkflowsExplanation() {
    gateway.place(request("p-5", Scenario.STAYS_OPEN.customerId), LONG);

    assertRefused(
        () -> updates.retryPending("p-5", BY_HANAKO, LONG),
        ProblemType.ORDER_NOT_PENDING,
        "Order is COMPLETED; only a PENDING order can be retried.");
    assertRefused(
        () -> updates.rollbackPending("p-5", BY_HANAKO, LONG),
        ProblemType.ORDER_NOT_PENDING,
        "Order is COMPLETED; only a PENDING order can be rolled back.");
  }

  @Test
  void shouldRefuseARollbackOnceCaptureHasBegun() {
    gateway.place(request("p-6", Scenario.PENDING_AT_CAPTURE.customerId), LONG);

    assertRefused(
        () -> updates.rollbackPending("p-6", BY_HANAKO, LONG),
        ProblemType.ROLLBACK_NOT_ALLOWED,
        "Capture has begun (CAPTURE_PAYMENT); only a retry can complete the order.");
    assertThat(gateway.query("p-6").orElseThrow().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(completed(updates.retryPending("p-6", BY_HANAKO, LONG)).status())
        .isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void shouldReportClosedForAnOrderWithoutRunningWorkflow() {
    gateway.place(request("p-7", "cust-1"), LONG);
    env.getWorkflowClient().newUntypedWorkflowStub("order-p-7").getResult(OrderView.class);

    assertThat(updates.retryPending("p-7", BY_HANAKO, LONG))
        .isInstanceOf(UpdateOutcome.Closed.class);
    assertThat(updates.rollbackPending("nope", BY_HANAKO, LONG))
        .isInstanceOf(UpdateOutcome.Closed.class);
  }

  private static OrderView completed(UpdateOutcome<OrderView> outcome) {
    assertThat(outcome).isInstanceOf(UpdateOutcome.Completed.class);
    return ((UpdateOutcome.Completed<OrderView>) outcome).result();
  }

  private static void assertRefused(Runnable call, ProblemType type, String detail) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.problemType()).isEqualTo(type);
              assertThat(p.getMessage()).isEqualTo(detail);
            });
  }
}
