package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.ReserveStockInput;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/** The purchase flow when every service answers: steps, read model, update, query, replay. */
class OrderWorkflowImplTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;

  @Test
  void shouldCompleteOrderThroughEveryStepInOrder() {
    PlaceOrderRequest request = Orders.paidByBalanceAndPoints();

    OrderView order = place(request);

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.step()).isEqualTo(OrderStep.COMPLETED);
    assertThat(order.stepsDone())
        .containsExactly(
            OrderStep.RESERVE_STOCK,
            OrderStep.AUTHORIZE_PAYMENT,
            OrderStep.REGISTER_SHIPPING,
            OrderStep.CAPTURE_PAYMENT,
            OrderStep.COMMIT_STOCK);
    assertThat(order.legs()).extracting(PaymentLeg::legId).containsExactly("1", "2");
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    assertThat(order.trackingNumber()).isEqualTo(TRACKING_NUMBER);
    assertThat(order.reason()).isNull();

    // Keys come from the order, step and leg only, so retries and reruns repeat them. Balance
    // (leg 1) and points (leg 2) are tried together and captured together, in either order.
    for (String legId : List.of("1", "2")) {
      InOrder calls = inOrder(stock, payment, shipping);
      calls
          .verify(stock)
          .reserveStock(new ReserveStockInput(ID + ":reserve-stock", ID, request.lines()));
      calls.verify(payment).authorizeLeg(authorize(legId, request));
      calls
          .verify(shipping)
          .registerShipment(
              new RegisterShipmentInput(
                  ID + ":register-shipping", ID, request.shippingAddress(), request.lines()));
      calls.verify(payment).captureLeg(leg(ID + ":capture:" + legId, legId));
      calls.verify(stock).commitStock(new ReservationRef(ID + ":commit-stock", ID));
    }
    verify(stock, never()).releaseStock(any());
    verify(payment, never()).voidLeg(any());
    verify(shipping, never()).cancelShipment(any());
  }

  @Test
  void shouldRecordEveryTransitionWithVersionsGrowingByOne() {
    place(Orders.paidByBalanceAndPoints());

    List<OrderView> views = recordedViews();
    OrderView first = views.get(0);
    assertThat(first.status()).isEqualTo(OrderStatus.CREATING);
    assertThat(first.step()).isEqualTo(OrderStep.RESERVE_STOCK);
    assertThat(first.version()).isEqualTo(1);
    for (int i = 1; i < views.size(); i++) {
      assertThat(views.get(i).version()).isEqualTo(views.get(i - 1).version() + 1);
      assertThat(views.get(i).updatedAt()).isAfterOrEqualTo(views.get(i - 1).updatedAt());
      assertThat(views.get(i).createdAt()).isEqualTo(first.createdAt());
    }
    OrderView last = views.get(views.size() - 1);
    assertThat(last.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(last.stepsDone()).hasSize(5);
    // The first write is the order's creation; the step changes and leg changes follow.
    assertThat(views).extracting(OrderView::step).first().isEqualTo(OrderStep.RESERVE_STOCK);
  }

  @Test
  void shouldWriteTheLegsSuccessesWithTheOrdersNextStep() throws Exception {
    place(Orders.paidByBalanceAndPoints());

    // One write per step, none per leg: the legs' Tries land with the acceptance, their Confirms
    // with COMMIT_STOCK.
    List<OrderView> views = recordedViews();
    assertThat(views)
        .extracting(OrderView::step)
        .containsExactly(
            OrderStep.RESERVE_STOCK,
            OrderStep.AUTHORIZE_PAYMENT,
            OrderStep.REGISTER_SHIPPING,
            OrderStep.CAPTURE_PAYMENT,
            OrderStep.COMMIT_STOCK,
            OrderStep.COMPLETED);
    assertThat(views.get(1).legs()).extracting(PaymentLeg::state).containsOnly(LegState.NEW);
    assertThat(views.get(2).legs()).extracting(PaymentLeg::state).containsOnly(LegState.AUTHORIZED);
    assertThat(views.get(3).legs()).extracting(PaymentLeg::state).containsOnly(LegState.AUTHORIZED);
    assertThat(views.get(4).legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    assertHistoryReplays();
  }

  @Test
  void shouldAnswerAcceptanceWithTheSnapshotTakenWhenAccepted() {
    OrderWorkflow workflow = newOrderWorkflow();
    var start = new WithStartWorkflowOperation<>(workflow::placeOrder, Orders.paidByBalance());

    OrderView accepted =
        WorkflowClient.executeUpdateWithStart(workflow::awaitAcceptance, untilCompleted(), start);

    assertThat(accepted.status()).isEqualTo(OrderStatus.CREATING);
    assertThat(accepted.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(accepted.stepsDone())
        .containsExactly(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT);
    assertThat(accepted.legs()).extracting(PaymentLeg::state).containsOnly(LegState.AUTHORIZED);
    assertThat(start.getResult().status()).isEqualTo(OrderStatus.COMPLETED);
  }

  @Test
  void shouldAnswerAcceptanceWithTheRejectionWhenOutOfStock() {
    doThrow(businessFailure(FailureType.OUT_OF_STOCK, "SKU-TEA: 2 wanted, 0 left"))
        .when(stock)
        .reserveStock(any());
    OrderWorkflow workflow = newOrderWorkflow();
    var start = new WithStartWorkflowOperation<>(workflow::placeOrder, Orders.paidByBalance());

    OrderView rejected =
        WorkflowClient.executeUpdateWithStart(workflow::awaitAcceptance, untilCompleted(), start);

    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(rejected.reason()).isEqualTo("OUT_OF_STOCK");
    assertThat(rejected.reasonDetail()).isEqualTo("SKU-TEA: 2 wanted, 0 left");
    assertThat(start.getResult()).isEqualTo(rejected);
  }

  @Test
  void shouldAnswerQueryAndEveryAcceptanceCallerWhileShippingIsRegistered() throws Exception {
    CountDownLatch shippingAnswered = new CountDownLatch(1);
    when(shipping.registerShipment(any()))
        .thenAnswer(
            afterLocalAttemptsFail(
                call -> {
                  shippingAnswered.await(5, TimeUnit.SECONDS);
                  return new Shipment(ID, TRACKING_NUMBER);
                }));
    OrderWorkflow workflow = newOrderWorkflow();
    var start = new WithStartWorkflowOperation<>(workflow::placeOrder, Orders.paidByBalance());
    OrderView first =
        WorkflowClient.executeUpdateWithStart(workflow::awaitAcceptance, untilCompleted(), start);

    OrderView second = workflow.awaitAcceptance();
    OrderView now = workflow.getOrder();
    shippingAnswered.countDown();

    assertThat(second).isEqualTo(first);
    assertThat(now.status()).isEqualTo(OrderStatus.CREATING);
    assertThat(now.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(now.stepsDone())
        .containsExactly(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT);
    assertThat(start.getResult().status()).isEqualTo(OrderStatus.COMPLETED);
    OrderView done = workflow.getOrder();
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(done.step()).isEqualTo(OrderStep.COMPLETED);
    assertThat(done.stepsDone()).hasSize(5);
    assertThat(done.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
  }

  @Test
  void shouldReleaseEverythingWhenCancelledBeforeCapture() throws Exception {
    CountDownLatch shippingCalled = new CountDownLatch(1);
    CountDownLatch testDone = new CountDownLatch(1);
    when(shipping.registerShipment(any()))
        .thenAnswer(
            afterLocalAttemptsFail(
                call -> {
                  shippingCalled.countDown();
                  testDone.await(5, TimeUnit.SECONDS);
                  return new Shipment(ID, TRACKING_NUMBER);
                }));
    OrderWorkflow workflow = newOrderWorkflow();
    WorkflowClient.start(workflow::placeOrder, Orders.paidByBalance());
    assertThat(shippingCalled.await(5, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();
    // Temporal closes a run whose cancel was requested as cancelled, whatever it returns.
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(OrderView.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    testDone.countDown();

    OrderView order = workflow.getOrder();
    assertThat(recordedViews()).last().isEqualTo(order);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    InOrder undo = inOrder(stock, payment, shipping);
    undo.verify(shipping).cancelShipment(any());
    undo.verify(payment).voidLeg(leg(ID + ":void:1", "1"));
    undo.verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    verify(payment, never()).captureLeg(any());
  }

  @Test
  void shouldAnswerPendingAcceptanceWithTheCancellation() throws Exception {
    CountDownLatch reserveCalled = new CountDownLatch(1);
    CountDownLatch testDone = new CountDownLatch(1);
    doAnswer(
            afterLocalAttemptsFail(
                call -> {
                  reserveCalled.countDown();
                  testDone.await(5, TimeUnit.SECONDS);
                  return null;
                }))
        .when(stock)
        .reserveStock(any());
    OrderWorkflow workflow = newOrderWorkflow();
    var start = new WithStartWorkflowOperation<>(workflow::placeOrder, Orders.paidByBalance());
    WorkflowUpdateHandle<OrderView> acceptance =
        WorkflowClient.startUpdateWithStart(
            workflow::awaitAcceptance,
            UpdateOptions.newBuilder(OrderView.class)
                .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                .build(),
            start);
    assertThat(reserveCalled.await(5, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();
    OrderView answer = acceptance.getResult(5, TimeUnit.SECONDS);
    testDone.countDown();

    assertThat(answer.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(answer.step()).isEqualTo(OrderStep.RESERVE_STOCK);
    verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    // A cancellation unwinds every step, those the history never reached too (PurchaseUnwind).
    verify(payment, never()).authorizeLeg(any());
    verify(shipping, never()).registerShipment(any());
  }

  @Test
  void shouldReplayHappyPathHistoryWithoutNonDeterminism() throws Exception {
    place(Orders.paidByBalanceAndPoints());

    var history = client.fetchHistory(PlaceOrderRequest.workflowId(ID));

    WorkflowReplayer.replayWorkflowExecution(history, OrderWorkflowImpl.class);
  }

  private static AuthorizeLegInput authorize(String legId, PlaceOrderRequest request) {
    return new AuthorizeLegInput(
        ID + ":authorize:" + legId,
        ID,
        legId,
        request.customerId(),
        request.paymentSources().get(Integer.parseInt(legId) - 1));
  }

  private static UpdateOptions<OrderView> untilCompleted() {
    return UpdateOptions.newBuilder(OrderView.class)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
  }
}
