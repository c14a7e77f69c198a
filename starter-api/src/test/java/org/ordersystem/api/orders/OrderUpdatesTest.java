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
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;

/**
 * Cancel and refund updates against the in-process test server and {@link StandInOrderWorkflow}:
 * completed in time, accepted but not finished, refused by the validator, and sent to no running
 * workflow.
 */
class OrderUpdatesTest {

  private static final Duration LONG = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(700);

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
    for (String orderId : List.of("u-1", "u-2", "u-3", "u-4", "u-5", "u-6", "u-7", "u-8")) {
      try {
        env.getWorkflowClient().newUntypedWorkflowStub("order-" + orderId).terminate("test over");
      } catch (WorkflowNotFoundException e) {
        // finished or never started
      }
    }
    env.close();
  }

  @Test
  void shouldCancelAnOrderBeingPlaced() {
    gateway.place(request("u-1", Scenario.UNDECIDED.customerId), SHORT);

    UpdateOutcome<OrderView> outcome =
        updates.cancel("u-1", new CancelOrderRequest("changed my mind"), LONG);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            UpdateOutcome.Completed.class,
            c -> assertThat(((OrderView) c.result()).status()).isEqualTo(OrderStatus.CANCELLED));
  }

  @Test
  void shouldReportAcceptedWhenTheCancelDoesNotFinishInTime() {
    gateway.place(request("u-2", Scenario.UNDECIDED.customerId), SHORT);

    assertThat(
            updates.cancel(
                "u-2", new CancelOrderRequest(StandInOrderWorkflow.NEVER_FINISHES), SHORT))
        .isInstanceOf(UpdateOutcome.Accepted.class);
  }

  @Test
  void shouldRefuseACancelWithTheValidatorsMessage() {
    gateway.place(request("u-3", Scenario.STAYS_OPEN.customerId), LONG);

    assertThatThrownBy(() -> updates.cancel("u-3", new CancelOrderRequest(null), LONG))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.problemType()).isEqualTo(ProblemType.ORDER_NOT_CANCELLABLE);
              assertThat(p.getMessage())
                  .isEqualTo("Order is COMPLETED; it can no longer be cancelled.");
            });
  }

  @Test
  void shouldReportClosedForAnOrderWithoutWorkflow() {
    assertThat(updates.cancel("nope", new CancelOrderRequest(null), LONG))
        .isInstanceOf(UpdateOutcome.Closed.class);
    assertThat(updates.requestRefund("nope", amount("r-1", 100), LONG))
        .isInstanceOf(UpdateOutcome.Closed.class);
  }

  @Test
  void shouldReportClosedForAFinishedOrder() {
    gateway.place(request("u-4", "cust-1"), LONG);
    env.getWorkflowClient().newUntypedWorkflowStub("order-u-4").getResult(OrderView.class);

    assertThat(updates.requestRefund("u-4", amount("r-1", 100), LONG))
        .isInstanceOf(UpdateOutcome.Closed.class);
  }

  @Test
  void shouldRefundACompletedOrderAndAnswerAReplayWithTheFirstResult() {
    gateway.place(request("u-5", Scenario.STAYS_OPEN.customerId), LONG);

    UpdateOutcome<RefundView> first = updates.requestRefund("u-5", amount("r-1", 200), LONG);
    UpdateOutcome<RefundView> replay = updates.requestRefund("u-5", amount("r-1", 200), LONG);

    assertThat(first).isInstanceOf(UpdateOutcome.Completed.class);
    RefundView refund = ((UpdateOutcome.Completed<RefundView>) first).result();
    assertThat(refund.status()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(refund.amount()).isEqualTo(200);
    assertThat(replay).isEqualTo(first);
    assertThat(gateway.query("u-5").orElseThrow().status())
        .isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(gateway.queryRefunds("u-5").orElseThrow()).containsExactly(refund);
  }

  @Test
  void shouldReportAcceptedWhenTheRefundDoesNotFinishInTime() {
    gateway.place(request("u-6", Scenario.STAYS_OPEN.customerId), LONG);

    RefundRequest slow = new RefundRequest("r-1", 100L, null, StandInOrderWorkflow.NEVER_FINISHES);

    assertThat(updates.requestRefund("u-6", slow, SHORT))
        .isInstanceOf(UpdateOutcome.Accepted.class);
    assertThat(gateway.queryRefunds("u-6").orElseThrow())
        .singleElement()
        .extracting(RefundView::status)
        .isEqualTo(RefundStatus.REQUESTED);
  }

  @Test
  void shouldMapEachRefusalOfARefundToItsProblem() {
    gateway.place(request("u-7", Scenario.STAYS_OPEN.customerId), LONG);
    gateway.place(request("u-8", Scenario.UNDECIDED.customerId), SHORT);
    updates.requestRefund("u-7", amount("r-1", 100), LONG);

    assertRefused(
        () -> updates.requestRefund("u-7", amount("r-2", 1101), LONG),
        ProblemType.INVALID_REFUND,
        "Only 1100 JPY is left to refund.");
    assertRefused(
        () -> updates.requestRefund("u-7", amount("r-1", 50), LONG),
        ProblemType.IDEMPOTENCY_CONFLICT,
        "Refund r-1 was asked with other parameters.");
    assertRefused(
        () -> updates.requestRefund("u-8", amount("r-1", 50), LONG),
        ProblemType.ORDER_NOT_REFUNDABLE,
        "Order is CREATING; only a completed order can be refunded.");
  }

  @Test
  void shouldMapATypedFailureOfTheHandlerToItsProblem() {
    gateway.place(request("u-7", Scenario.STAYS_OPEN.customerId), LONG);

    assertRefused(
        () ->
            updates.requestRefund(
                "u-7",
                new RefundRequest("r-1", 100L, null, StandInOrderWorkflow.REFUSED_BY_HANDLER),
                LONG),
        ProblemType.INVALID_REFUND,
        "The payment service refused the refund.");
  }

  private static void assertRefused(Runnable call, ProblemType type, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> {
              assertThat(p.problemType()).isEqualTo(type);
              assertThat(p.getMessage()).isEqualTo(message);
            });
  }

  private static RefundRequest amount(String refundId, long amount) {
    return new RefundRequest(refundId, amount, null, "Damaged");
  }
}
