package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.recovery.NotificationType;

/** A PENDING order and the decisions sent to it: one wins, the others change nothing. */
class OrderPendingTest extends OrderWorkflowTestBase {

  /** A failure type nobody handles: the order stops PENDING at once, without a budget to wait. */
  private static ApplicationFailure carrierRefused() {
    return ApplicationFailure.newNonRetryableFailure("carrier refused", "CARRIER_REFUSED");
  }

  private OrderWorkflow pendingAtShipping() {
    when(shipping.registerShipment(any()))
        .thenThrow(carrierRefused())
        .thenReturn(new Shipment(Orders.ORDER_ID, TRACKING_NUMBER));
    OrderWorkflow workflow = start(Orders.paidByBalance());
    OrderView pending = awaitOrder(workflow, o -> o.status() == OrderStatus.PENDING);
    assertThat(pending.pending().reason()).isEqualTo("CARRIER_REFUSED");
    assertThat(pending.pending().message()).isEqualTo("carrier refused");
    assertThat(pending.pending().attempts()).isEqualTo(1);
    return workflow;
  }

  @Test
  void shouldTellTheWebhookAndTheSearchAttributesWhenAnOrderBecomesPending() {
    pendingAtShipping();

    // Sent asynchronously: the order does not wait for its report.
    verify(notifications, timeout(10_000))
        .send(
            argThat(
                n ->
                    n.type() == NotificationType.ORDER_PENDING
                        && n.orderId().equals(Orders.ORDER_ID)
                        && n.pending().step() == OrderStep.REGISTER_SHIPPING));
    // Upserted with the workflow task that made the order PENDING, which the query may precede.
    assertThat(awaitSearchAttributes(a -> "PENDING".equals(a.get("OrderStatus"))))
        .containsEntry("OrderStatus", "PENDING")
        .containsEntry("OrderStep", "REGISTER_SHIPPING")
        .containsEntry("PendingReason", "CARRIER_REFUSED")
        .containsEntry("ShopId", Orders.paidByBalance().shopId());
  }

  @Test
  void shouldRetryOnceWhenTheRetrySignalIsSentTwice() {
    OrderWorkflow workflow = pendingAtShipping();

    workflow.retry(operator(null));
    workflow.retry(operator(null));
    OrderView order = closeWindow(workflow);

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    verify(shipping, times(2)).registerShipment(any());
    Map<String, Object> attributes = searchAttributes();
    assertThat(attributes).containsEntry("OrderStatus", "COMPLETED");
    assertThat(attributes.get("PendingReason")).as("unset").isNull();
  }

  @Test
  void shouldRefuseARetryOrRollbackOfAnOrderThatIsNotPending() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());

    assertThat(rejectionType(catchThrowable(() -> workflow.retryPending(operator(null)))))
        .isEqualTo(UpdateRejections.ORDER_NOT_PENDING);
    assertThat(rejectionType(catchThrowable(() -> workflow.rollbackPending(operator(null)))))
        .isEqualTo(UpdateRejections.ORDER_NOT_PENDING);
    workflow.rollback(operator(null)); // A signal that does not apply is ignored.

    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
    verify(stock, never()).releaseStock(any());
    assertHistoryReplays();
  }

  @RepeatedTest(3)
  void shouldSerializeARollbackRacingARetry() throws Exception {
    OrderWorkflow workflow = pendingAtShipping();

    CompletableFuture<Object> retry = race(() -> workflow.retryPending(operator("retry")));
    CompletableFuture<Object> rollback = race(() -> workflow.rollbackPending(operator("undo")));
    List<Object> answers = List.of(retry.get(), rollback.get());

    List<OrderView> accepted =
        answers.stream().filter(OrderView.class::isInstance).map(OrderView.class::cast).toList();
    List<Object> refused = answers.stream().filter(a -> !(a instanceof OrderView)).toList();
    assertThat(accepted).hasSize(1);
    assertThat(refused).hasSize(1);
    assertThat(rejectionType((Throwable) refused.get(0)))
        .isEqualTo(UpdateRejections.ORDER_NOT_PENDING);
    OrderView order = accepted.get(0);
    if (order.status() == OrderStatus.COMPLETED) {
      verify(stock, never()).releaseStock(any());
      verify(shipping, times(2)).registerShipment(any());
    } else {
      assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
      verify(stock).releaseStock(any());
      verify(shipping, times(1)).registerShipment(any());
    }
    assertHistoryReplays();
  }

  @Test
  void shouldLetAShopCancelAPendingOrderBeforeCapture() {
    OrderWorkflow workflow = pendingAtShipping();

    OrderView order = workflow.cancelOrder(new CancelOrderRequest("changed my mind"));

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.CANCELLED_BY_REQUEST);
    assertThat(order.pending()).isNull();
    verify(stock).releaseStock(any());
    verify(payment).voidLeg(any());
  }

  private static CompletableFuture<Object> race(Supplier<OrderView> update) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return update.get();
          } catch (RuntimeException e) {
            return e;
          }
        });
  }

  private Map<String, Object> awaitSearchAttributes(Predicate<Map<String, Object>> condition) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(this::searchAttributes, condition);
  }

  /** The order's search attributes as the server keeps them (what Temporal UI filters on). */
  private Map<String, Object> searchAttributes() {
    var info =
        env.getWorkflowClient()
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(PlaceOrderRequest.workflowId(Orders.ORDER_ID)))
                    .build())
            .getWorkflowExecutionInfo();
    Map<String, Object> values = new java.util.TreeMap<>();
    info.getSearchAttributes()
        .getIndexedFieldsMap()
        .forEach(
            (name, payload) ->
                values.put(
                    name,
                    DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                        payload, String.class, String.class)));
    return values;
  }
}
