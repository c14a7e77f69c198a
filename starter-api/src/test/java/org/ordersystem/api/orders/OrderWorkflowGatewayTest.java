package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.config.TemporalProperties;
import org.ordersystem.api.orders.StandInOrderWorkflow.Scenario;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;

/**
 * The Temporal calls against the in-process test server, with a stand-in workflow:
 * Update-with-Start decided, undecided in time, on a finished workflow, and with Temporal
 * unreachable.
 */
class OrderWorkflowGatewayTest {

  private static final Duration SHORT = Duration.ofMillis(700);

  private TestWorkflowEnvironment env;
  private TemporalCalls calls;
  private OrderWorkflowGateway gateway;

  @BeforeEach
  void startTestServer() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(OrderWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(StandInOrderWorkflow.class);
    env.start();
    calls = calls();
    gateway = new OrderWorkflowGateway(env.getWorkflowClient(), calls);
  }

  @AfterEach
  void stop() {
    calls.close();
    // A workflow still waiting would hold the worker's shutdown for seconds.
    for (String orderId : List.of("o-2", "o-3", "o-6")) {
      try {
        env.getWorkflowClient().newUntypedWorkflowStub("order-" + orderId).terminate("test over");
      } catch (WorkflowNotFoundException e) {
        // not started by this test
      }
    }
    env.close();
  }

  @Test
  void shouldReturnTheDecisionWhenItComesInTime() {
    PlacementOutcome outcome = gateway.place(request("o-1", "cust-1"), Duration.ofSeconds(10));

    assertThat(outcome).isInstanceOf(PlacementOutcome.Decided.class);
    OrderView order = ((PlacementOutcome.Decided) outcome).order();
    assertThat(order.orderId()).isEqualTo("o-1");
    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void shouldStartTheOrderWithASummaryAndDetailsForTemporalUi() {
    gateway.place(request("o-7", "cust-1"), Duration.ofSeconds(10));

    WorkflowExecutionDescription started =
        env.getWorkflowClient().newUntypedWorkflowStub("order-o-7").describe();

    assertThat(started.getStaticSummary()).isEqualTo("demo-shop · 1,200 JPY · 1 line");
    assertThat(started.getStaticDetails())
        .contains("- SKU-1 × 1 (1,200 JPY)")
        .contains("- BALANCE 1,200 JPY")
        .doesNotContain("cust-1")
        .doesNotContain("Hanako");
  }

  @Test
  void shouldReportUndecidedWhenTheWorkflowRunsWithoutDecidingInTime() {
    PlacementOutcome outcome = gateway.place(request("o-2", Scenario.UNDECIDED.customerId), SHORT);

    assertThat(outcome).isInstanceOf(PlacementOutcome.Undecided.class);
    assertThat(gateway.query("o-2"))
        .get()
        .extracting(OrderView::status)
        .isEqualTo(OrderStatus.CREATING);
  }

  @Test
  void shouldJoinTheRunningWorkflowOnARetry() {
    gateway.place(request("o-3", Scenario.UNDECIDED.customerId), SHORT);

    PlacementOutcome again = gateway.place(request("o-3", Scenario.UNDECIDED.customerId), SHORT);

    assertThat(again).isInstanceOf(PlacementOutcome.Undecided.class);
  }

  @Test
  void shouldNotRunAFinishedOrderAgain() {
    gateway.place(request("o-4", "cust-1"), Duration.ofSeconds(10));
    env.getWorkflowClient().newUntypedWorkflowStub("order-o-4").getResult(OrderView.class);

    PlacementOutcome again = gateway.place(request("o-4", "cust-1"), Duration.ofSeconds(10));

    assertThat(again).isInstanceOf(PlacementOutcome.AlreadyClosed.class);
  }

  @Test
  void shouldSignalTheShipmentStateToTheOrder() {
    gateway.place(request("o-6", Scenario.STAYS_OPEN.customerId), Duration.ofSeconds(10));

    assertThat(gateway.signalShipment("o-6", ShipmentState.DISPATCHED)).isTrue();

    assertThat(gateway.query("o-6"))
        .get()
        .extracting(OrderView::shipmentState)
        .isEqualTo(ShipmentState.DISPATCHED);
    assertThat(gateway.queryRefunds("o-6")).contains(List.of());
  }

  @Test
  void shouldReportThatNoWorkflowTookTheShipmentSignal() {
    assertThat(gateway.signalShipment("nope", ShipmentState.DELIVERED)).isFalse();
    assertThat(gateway.queryRefunds("nope")).isEmpty();
  }

  @Test
  void shouldQueryNothingForAnUnknownOrder() {
    assertThat(gateway.query("nope")).isEqualTo(Optional.empty());
  }

  @Test
  void shouldAnswer503WhenTemporalIsUnreachable() {
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try (TemporalCalls bounded = calls()) {
      OrderWorkflowGateway unreachable =
          new OrderWorkflowGateway(
              WorkflowClient.newInstance(
                  nowhere, WorkflowClientOptions.newBuilder().setNamespace("default").build()),
              bounded);
      assertThatThrownBy(() -> unreachable.place(request("o-5", "cust-1"), SHORT))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              p -> assertThat(p.problemType()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
    } finally {
      nowhere.shutdownNow();
    }
  }

  static TemporalCalls calls() {
    return new TemporalCalls(
        new TemporalProperties("unused:7233", "default", Duration.ofMillis(700)),
        new ApiProperties(Duration.ofSeconds(5), 65536, 8, 8, Duration.ofSeconds(1)));
  }

  static PlaceOrderRequest request(String orderId, String customerId) {
    return new PlaceOrderRequest(
        orderId,
        "demo-shop",
        customerId,
        List.of(new OrderLine("SKU-1", 1, 1200)),
        1200,
        new ShippingAddress("Hanako", "100-0001", "Tokyo", "1-1", null, "JP"),
        List.of(new PaymentSource(SourceType.BALANCE, 1200, null)));
  }
}
