package org.ordersystem.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.LegStatus;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.SourceType;

/**
 * Runs {@link OrderWorkflowImpl} on the time-skipping test server against Mockito mocks of every
 * activity interface, registered the way the workers register them.
 */
abstract class OrderWorkflowTestBase {

  static final String TRACKING_NUMBER = "TRK-0001";

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  WorkflowClient client;
  Worker worker;

  StockActivities stock;
  PaymentActivities payment;
  ShippingActivities shipping;
  OrderReadModelActivities readModel;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.client = client;
    this.worker = worker;
    // withoutAnnotations: the mock classes must not inherit @ActivityInterface, or the worker
    // would see them as a second interface.
    stock = mock(StockActivities.class, withSettings().withoutAnnotations());
    payment = mock(PaymentActivities.class, withSettings().withoutAnnotations());
    shipping = mock(ShippingActivities.class, withSettings().withoutAnnotations());
    readModel = mock(OrderReadModelActivities.class, withSettings().withoutAnnotations());
    when(shipping.registerShipment(any()))
        .thenReturn(new Shipment(Orders.ORDER_ID, TRACKING_NUMBER));
    when(payment.authorizeLeg(any())).thenAnswer(call -> authorized(call.getArgument(0)));
    OrderWorkflowSettings settings = settings();
    worker.registerWorkflowImplementationFactory(
        OrderWorkflow.class, () -> new OrderWorkflowImpl(settings));
    worker.registerActivitiesImplementations(stock, payment, shipping, readModel);
    env.start();
  }

  /** The settings the workers use unless a test needs others. */
  OrderWorkflowSettings settings() {
    return OrderWorkflowSettings.defaults();
  }

  OrderWorkflow newOrderWorkflow() {
    return client.newWorkflowStub(
        OrderWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(PlaceOrderRequest.workflowId(Orders.ORDER_ID))
            .setTaskQueue(worker.getTaskQueue())
            // Required by Update-with-Start, the way the API starts orders.
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .build());
  }

  /** Places the order and waits for the workflow's result. */
  OrderView place(PlaceOrderRequest request) {
    return newOrderWorkflow().placeOrder(request);
  }

  /** Every view written to the read model, in the order of the writes. */
  List<OrderView> recordedViews() {
    ArgumentCaptor<OrderView> views = ArgumentCaptor.forClass(OrderView.class);
    verify(readModel, atLeastOnce()).recordOrder(views.capture());
    return views.getAllValues();
  }

  static ApplicationFailure businessFailure(FailureType type, String message) {
    // Retryable on purpose: the workflow's retry policy alone must stop business failures.
    return ApplicationFailure.newFailure(message, type.name());
  }

  static ApplicationFailure transientFailure() {
    return ApplicationFailure.newFailure("stock service unavailable", "UNAVAILABLE");
  }

  static LegRef leg(String idempotencyKey, String legId) {
    return new LegRef(idempotencyKey, Orders.ORDER_ID, legId);
  }

  /** What the payment service answers to a Try that reserved the amount. */
  static LegStatus authorized(AuthorizeLegInput input) {
    return new LegStatus(LegState.AUTHORIZED, pspAuthorizationId(input.legId(), input.source()));
  }

  /** The provider's authorization of a CARD leg in these tests; null for the other sources. */
  static String pspAuthorizationId(String legId, PaymentSource source) {
    return source.type() == SourceType.CARD ? "psp-auth-" + legId : null;
  }

  /** Replays the order's history on the current code: new commands or reordering would fail. */
  void assertHistoryReplays() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(PlaceOrderRequest.workflowId(Orders.ORDER_ID)),
        OrderWorkflowImpl.class);
  }
}
