package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.SourceType;

/** Try/Confirm/Cancel across balance, points and card: order of the legs, declines, duplicates. */
class OrderPaymentTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  // Orders.paidByCardBalanceAndPoints lists the card first.
  private static final String CARD = "1";
  private static final String BALANCE = "2";
  private static final String POINTS = "3";

  @Test
  void shouldTryCardLastAndCaptureItFirstWhenPaidByCardBalanceAndPoints() throws Exception {
    PlaceOrderRequest request = Orders.paidByCardBalanceAndPoints("tok_ok");

    OrderView order = place(request);

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.legs())
        .extracting(
            PaymentLeg::legId,
            PaymentLeg::type,
            PaymentLeg::amount,
            PaymentLeg::state,
            PaymentLeg::pspAuthorizationId,
            PaymentLeg::reason)
        .containsExactly(
            tuple(CARD, SourceType.CARD, 2_500L, LegState.CAPTURED, "psp-auth-1", null),
            tuple(BALANCE, SourceType.BALANCE, 2_500L, LegState.CAPTURED, null, null),
            tuple(POINTS, SourceType.POINTS, 1_000L, LegState.CAPTURED, null, null));
    // Balance and points together, in either order, then the card; the card's capture first,
    // then points and balance together.
    for (String ledgerLeg : List.of(BALANCE, POINTS)) {
      String capture = ID + ":capture:" + ledgerLeg;
      InOrder calls = inOrder(stock, payment, shipping);
      calls.verify(payment).authorizeLeg(authorize(ledgerLeg, request));
      calls.verify(payment).authorizeLeg(authorize(CARD, request));
      calls.verify(shipping).registerShipment(any());
      calls.verify(payment).captureLeg(leg(ID + ":capture:1", CARD));
      calls.verify(payment).captureLeg(leg(capture, ledgerLeg));
      calls.verify(stock).commitStock(new ReservationRef(ID + ":commit-stock", ID));
    }
    verify(payment, never()).voidLeg(any());
    verify(payment, never()).getLegState(any());
    assertHistoryReplays();
  }

  @Test
  void shouldCancelEveryTriedLegInReverseAndReleaseStockWhenCardIsDeclined() throws Exception {
    declineLegsOf(SourceType.CARD, "card declined by issuer");

    OrderView order = place(Orders.paidByCardBalanceAndPoints("tok_declined"));

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("PAYMENT_DECLINED");
    assertThat(order.reasonDetail()).isEqualTo("card declined by issuer");
    assertThat(order.step()).isEqualTo(OrderStep.AUTHORIZE_PAYMENT);
    assertThat(order.legs())
        .extracting(PaymentLeg::legId, PaymentLeg::state, PaymentLeg::reason)
        .containsExactly(
            tuple(CARD, LegState.VOIDED, "PAYMENT_DECLINED"),
            tuple(BALANCE, LegState.VOIDED, null),
            tuple(POINTS, LegState.VOIDED, null));
    // The card's void records a barrier, so a late authorization of it is refused.
    // Balance and points are tried together, so in either order; their voids in reverse of the
    // table's order.
    InOrder pointsBeforeCard = inOrder(payment);
    pointsBeforeCard.verify(payment).authorizeLeg(argThat(in -> in.legId().equals(POINTS)));
    pointsBeforeCard.verify(payment).authorizeLeg(argThat(in -> in.legId().equals(CARD)));
    InOrder calls = inOrder(stock, payment);
    calls.verify(payment).authorizeLeg(argThat(in -> in.legId().equals(BALANCE)));
    calls.verify(payment).authorizeLeg(argThat(in -> in.legId().equals(CARD)));
    calls.verify(payment).voidLeg(leg(ID + ":void:1", CARD));
    calls.verify(payment).voidLeg(leg(ID + ":void:3", POINTS));
    calls.verify(payment).voidLeg(leg(ID + ":void:2", BALANCE));
    calls.verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    verify(payment, never()).captureLeg(any());
    verifyNoInteractions(shipping);
    assertHistoryReplays();
  }

  @Test
  void shouldRejectWithPaymentDeclinedAndNeverTouchTheCardWhenPointsAreInsufficient()
      throws Exception {
    declineLegsOf(SourceType.POINTS, "1000 points wanted, 300 available");

    OrderView order = place(Orders.paidByCardBalanceAndPoints("tok_ok"));

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("PAYMENT_DECLINED");
    assertThat(order.legs())
        .extracting(PaymentLeg::legId, PaymentLeg::state, PaymentLeg::reason)
        .containsExactly(
            tuple(CARD, LegState.NEW, null),
            tuple(BALANCE, LegState.VOIDED, null),
            tuple(POINTS, LegState.VOIDED, "PAYMENT_DECLINED"));
    InOrder undo = inOrder(stock, payment);
    undo.verify(payment).voidLeg(leg(ID + ":void:3", POINTS));
    undo.verify(payment).voidLeg(leg(ID + ":void:2", BALANCE));
    undo.verify(stock).releaseStock(any());
    // No hold is placed on the customer's card for an order that cannot be paid.
    verify(payment, never()).authorizeLeg(argThat(in -> in.legId().equals(CARD)));
    verify(payment, never()).voidLeg(leg(ID + ":void:1", CARD));
    assertHistoryReplays();
  }

  @Test
  void shouldAnswerADuplicateAcceptanceWithTheSameSnapshotAndTryEachLegOnce() throws Exception {
    CountDownLatch shippingCalled = new CountDownLatch(1);
    CountDownLatch duplicateAnswered = new CountDownLatch(1);
    when(shipping.registerShipment(any()))
        .thenAnswer(
            call -> {
              shippingCalled.countDown();
              duplicateAnswered.await(5, TimeUnit.SECONDS);
              return new Shipment(ID, TRACKING_NUMBER);
            });
    PlaceOrderRequest request = Orders.paidByCardBalanceAndPoints("tok_ok");

    OrderView first = acceptWithStart(request);
    assertThat(shippingCalled.await(5, TimeUnit.SECONDS)).isTrue();
    // The shop retries its request: the API sends the same Update-with-Start again.
    OrderView second = acceptWithStart(request);
    duplicateAnswered.countDown();

    assertThat(second).isEqualTo(first);
    assertThat(first.status()).isEqualTo(OrderStatus.CREATING);
    assertThat(first.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(first.legs())
        .extracting(PaymentLeg::state, PaymentLeg::pspAuthorizationId)
        .containsExactly(
            tuple(LegState.AUTHORIZED, "psp-auth-1"),
            tuple(LegState.AUTHORIZED, null),
            tuple(LegState.AUTHORIZED, null));
    OrderView done =
        WorkflowStub.fromTyped(
                client.newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(ID)))
            .getResult(OrderView.class);
    assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    verify(payment, times(3)).authorizeLeg(any());
    verify(payment, times(3)).captureLeg(any());
    verify(shipping).registerShipment(any());
    assertHistoryReplays();
  }

  /** Update-with-Start the way the API sends it: a running order answers a duplicate itself. */
  private OrderView acceptWithStart(PlaceOrderRequest request) {
    OrderWorkflow workflow =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PlaceOrderRequest.workflowId(ID))
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        workflow::awaitAcceptance,
        UpdateOptions.newBuilder(OrderView.class)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(workflow::placeOrder, request));
  }

  /** Every leg of {@code type} is refused by the payment service; the others are authorized. */
  private void declineLegsOf(SourceType type, String message) {
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              if (input.source().type() == type) {
                throw businessFailure(FailureType.PAYMENT_DECLINED, message);
              }
              return authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());
  }

  private static AuthorizeLegInput authorize(String legId, PlaceOrderRequest request) {
    return new AuthorizeLegInput(
        ID + ":authorize:" + legId,
        ID,
        legId,
        request.customerId(),
        request.paymentSources().get(Integer.parseInt(legId) - 1));
  }
}
