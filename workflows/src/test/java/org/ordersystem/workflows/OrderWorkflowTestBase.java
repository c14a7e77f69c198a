package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.LegStatus;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
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

  TestWorkflowEnvironment env;
  WorkflowClient client;
  Worker worker;

  StockActivities stock;
  PaymentActivities payment;
  ShippingActivities shipping;
  OrderReadModelActivities readModel;
  NotificationActivities notifications;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.worker = worker;
    // withoutAnnotations: the mock classes must not inherit @ActivityInterface, or the worker
    // would see them as a second interface.
    stock = mock(StockActivities.class, withSettings().withoutAnnotations());
    payment = mock(PaymentActivities.class, withSettings().withoutAnnotations());
    shipping = mock(ShippingActivities.class, withSettings().withoutAnnotations());
    readModel = mock(OrderReadModelActivities.class, withSettings().withoutAnnotations());
    notifications = mock(NotificationActivities.class, withSettings().withoutAnnotations());
    when(shipping.registerShipment(any()))
        .thenReturn(new Shipment(Orders.ORDER_ID, TRACKING_NUMBER));
    when(payment.authorizeLeg(any())).thenAnswer(call -> authorized(call.getArgument(0)));
    OrderWorkflowSettings settings = settings();
    worker.registerWorkflowImplementationFactory(
        OrderWorkflow.class, () -> new OrderWorkflowImpl(settings));
    worker.registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
    worker.registerActivitiesImplementations(stock, payment, shipping, readModel, notifications);
    registerMore(worker);
    registerSearchAttributes(env);
    env.start();
  }

  /** Registers what a test needs besides the order workflow and its activities. */
  void registerMore(Worker worker) {}

  /** What the local stack registers on its server: upserts of unknown attributes would fail. */
  static void registerSearchAttributes(TestWorkflowEnvironment env) {
    OrderSearchAttributes.NAMES.forEach(
        name -> env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  /** The settings the workers use unless a test needs others. */
  OrderWorkflowSettings settings() {
    return OrderWorkflowSettings.defaults();
  }

  OrderWorkflow newOrderWorkflow() {
    return newOrderWorkflow(Orders.ORDER_ID);
  }

  OrderWorkflow newOrderWorkflow(String orderId) {
    return client.newWorkflowStub(
        OrderWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(PlaceOrderRequest.workflowId(orderId))
            .setTaskQueue(worker.getTaskQueue())
            // Required by Update-with-Start, the way the API starts orders.
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .build());
  }

  /** A stub of an order's running workflow, for messages only. */
  OrderWorkflow runningOrder(String orderId) {
    return client.newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(orderId));
  }

  /** Places the order and waits for the workflow's result. */
  OrderView place(PlaceOrderRequest request) {
    return newOrderWorkflow().placeOrder(request);
  }

  /**
   * Starts the order and returns once it is COMPLETED, its workflow still open in the refund
   * window. Time does not skip until a test waits for the result.
   */
  OrderWorkflow startCompleted(PlaceOrderRequest request) {
    OrderWorkflow workflow = newOrderWorkflow(request.orderId());
    WorkflowClient.start(workflow::placeOrder, request);
    awaitRefundWindow(request.orderId());
    assertThat(workflow.getOrder().status()).isEqualTo(OrderStatus.COMPLETED);
    return workflow;
  }

  /**
   * Waits until the order's current run idles in its refund window (its last event starts the
   * window's timer). Reads the history, not the query: a query that meets a Continue-As-New leaves
   * the test server with a workflow task nobody completes, which stops time skipping for good.
   */
  void awaitRefundWindow(String orderId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> client.fetchHistory(PlaceOrderRequest.workflowId(orderId)).getLastEvent(),
            last -> last.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED);
  }

  /** Starts the order without waiting; time skips only while the test sleeps or waits a result. */
  OrderWorkflow start(PlaceOrderRequest request) {
    OrderWorkflow workflow = newOrderWorkflow(request.orderId());
    WorkflowClient.start(workflow::placeOrder, request);
    return workflow;
  }

  /**
   * Lets a step use up its retry budget (time skips while the test sleeps) and returns the order
   * once it is PENDING.
   */
  OrderView awaitPending(OrderWorkflow workflow) {
    env.sleep(settings().stepRetryBudget().plus(StepOptions.MAXIMUM_INTERVAL).plusSeconds(10));
    return awaitOrder(workflow, order -> order.status() == OrderStatus.PENDING);
  }

  /** The decisions an operator sends, as the ops API sends them. */
  static RecoveryRequest operator(String note) {
    return new RecoveryRequest("operator:alice", note);
  }

  /** Polls the query until the order matches; the workflow moves on its own threads. */
  static OrderView awaitOrder(OrderWorkflow workflow, Predicate<OrderView> condition) {
    // Generous: on a loaded machine a first workflow task can time out and run again (10 s).
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(workflow::getOrder, order -> order != null && condition.test(order));
  }

  /** Waits for the result: time skips, so the refund window passes and the workflow closes. */
  static OrderView closeWindow(OrderWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(OrderView.class);
  }

  /**
   * The order's current details as Temporal UI reads them, through the built-in metadata query.
   * Like any query, only for a run that is not about to continue as new.
   */
  String currentDetails(String orderId) {
    return client
        .newUntypedWorkflowStub(PlaceOrderRequest.workflowId(orderId))
        .query("__temporal_workflow_metadata", WorkflowMetadata.class)
        .getCurrentDetails();
  }

  /** The rejection of an update: the validator's or the handler's failure. */
  static ApplicationFailure rejection(Throwable thrown) {
    assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  /** The rejection type of a refused update, read the way the API reads it. */
  static String rejectionType(Throwable thrown) {
    return UpdateRejections.typeOf(rejection(thrown));
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

  /**
   * {@code answer}, after the step's local attempts failed as in an outage: the step then runs as a
   * regular activity ({@link LocalFirst}), which a cancel interrupts while it is in flight. A
   * cancel that arrives during a local call is decided once the call returned.
   */
  static <T> Answer<T> afterLocalAttemptsFail(Answer<T> answer) {
    AtomicInteger calls = new AtomicInteger();
    return invocation -> {
      if (calls.incrementAndGet() <= StepOptions.LOCAL_ATTEMPTS) {
        throw transientFailure();
      }
      return answer.answer(invocation);
    };
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
    assertReplays(client.fetchHistory(PlaceOrderRequest.workflowId(Orders.ORDER_ID)));
  }

  /** Replays a history of an order or refund workflow with the settings of this test's workers. */
  void assertReplays(WorkflowExecutionHistory history) throws Exception {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    try {
      Worker replayer = factory.newWorker("replay");
      OrderWorkflowSettings settings = settings();
      replayer.registerWorkflowImplementationFactory(
          OrderWorkflow.class, () -> new OrderWorkflowImpl(settings));
      replayer.registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(history, replayer);
    } finally {
      factory.shutdownNow();
    }
  }
}
