package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegStatus;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.SourceType;
import org.ordersystem.workflows.recovery.NotificationType;

/**
 * Payment outcomes that are not a plain answer: a Try that ran out of retries (settled by asking
 * the service), a card authorization that expired before capture, captures that keep failing.
 */
class OrderPaymentRecoveryTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  // Orders.paidByCardBalanceAndPoints lists the card first.
  private static final String CARD = "1";
  private static final String BALANCE = "2";
  private static final String POINTS = "3";

  /** Whether the payment service holds the card leg, whatever the worker heard. */
  private final AtomicBoolean cardHeld = new AtomicBoolean();

  @Override
  OrderWorkflowSettings settings() {
    // Short, so the tests that exhaust it do few retries even with time skipping.
    return new OrderWorkflowSettings(Duration.ofMinutes(1));
  }

  @Test
  void shouldConfirmATimedOutTryThatTheServiceHoldsAuthorizedWithoutANewKey() throws Exception {
    cardTryCommitsThenTimesOut();
    when(payment.getLegState(leg(ID + ":authorize:1", CARD)))
        .thenAnswer(
            call ->
                cardHeld.get()
                    ? new LegStatus(LegState.AUTHORIZED, "psp-auth-1")
                    : new LegStatus(LegState.NEW, null));

    OrderView order = place(Orders.paidByCardBalanceAndPoints("tok_ok"));

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.legs())
        .extracting(PaymentLeg::state, PaymentLeg::pspAuthorizationId)
        .containsExactly(
            tuple(LegState.CAPTURED, "psp-auth-1"),
            tuple(LegState.CAPTURED, null),
            tuple(LegState.CAPTURED, null));
    // Retried until the budget ran out, always under the Try's own key, then asked once.
    ArgumentCaptor<AuthorizeLegInput> tries = ArgumentCaptor.forClass(AuthorizeLegInput.class);
    verify(payment, atLeast(5)).authorizeLeg(tries.capture());
    assertThat(tries.getAllValues())
        .extracting(AuthorizeLegInput::idempotencyKey)
        .containsOnly(ID + ":authorize:1", ID + ":authorize:2", ID + ":authorize:3");
    verify(payment).getLegState(any());
    verify(payment, never()).voidLeg(any());
    assertHistoryReplays();
  }

  @Test
  void shouldPendWhenTheServiceNeverGotTheTimedOutTryAndVoidEveryLegOnRollback() throws Exception {
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              if (input.source().type() == SourceType.CARD) {
                throw ApplicationFailure.newFailure("connection refused", "UNAVAILABLE");
              }
              return authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());
    when(payment.getLegState(any())).thenReturn(new LegStatus(LegState.NEW, null));
    OrderWorkflow workflow = start(Orders.paidByCardBalanceAndPoints("tok_ok"));

    OrderView pending = awaitPending(workflow);

    assertThat(pending.step()).isEqualTo(OrderStep.AUTHORIZE_PAYMENT);
    assertThat(pending.pending().reason()).isEqualTo("STEP_TIMED_OUT");
    assertThat(pending.pending().message()).contains("connection refused");
    assertThat(pending.pending().attempts()).isEqualTo(1);
    assertThat(pending.pending().rollbackAllowed()).isTrue();
    assertThat(pending.legs())
        .extracting(PaymentLeg::legId, PaymentLeg::state, PaymentLeg::reason)
        .containsExactly(
            tuple(CARD, LegState.NEW, "STEP_TIMED_OUT"),
            tuple(BALANCE, LegState.AUTHORIZED, null),
            tuple(POINTS, LegState.AUTHORIZED, null));
    verify(payment).getLegState(leg(ID + ":authorize:1", CARD));
    // Sent asynchronously: the order does not wait for its report.
    verify(notifications, timeout(10_000))
        .send(argThat(n -> n.type() == NotificationType.ORDER_PENDING));

    OrderView order = workflow.rollbackPending(operator("customer chose another shop"));

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
    assertThat(order.reasonDetail()).contains("operator:alice", "customer chose another shop");
    assertThat(order.pending()).isNull();
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    // The card's void leaves a barrier against the Try, should it still arrive.
    InOrder undo = inOrder(stock, payment);
    undo.verify(payment).voidLeg(leg(ID + ":void:1", CARD));
    undo.verify(payment).voidLeg(leg(ID + ":void:3", POINTS));
    undo.verify(payment).voidLeg(leg(ID + ":void:2", BALANCE));
    undo.verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    verify(payment, never()).captureLeg(any());
    assertThat(closeWindow(workflow)).isEqualTo(order);
    assertHistoryReplays();
  }

  @Test
  void shouldShowALegWhoseOutcomeNobodyKnowsAsUnknownUntilItsRollbackVoidsIt() throws Exception {
    // Commit-then-timeout, and the service stays unreachable for the question too.
    doAnswer(
            call -> {
              cardHeld.set(true);
              throw ApplicationFailure.newFailure("deadline exceeded", "DEADLINE_EXCEEDED");
            })
        .when(payment)
        .authorizeLeg(any());
    when(payment.getLegState(any()))
        .thenThrow(ApplicationFailure.newFailure("payment unavailable", "UNAVAILABLE"));
    doAnswer(
            call -> {
              cardHeld.set(false);
              return null;
            })
        .when(payment)
        .voidLeg(any());
    OrderWorkflow workflow = start(Orders.paidByBalance());

    // The Try's budget runs out, then the question's.
    env.sleep(settings().stepRetryBudget());
    OrderView pending = awaitPending(workflow);
    assertThat(pending.legs()).extracting(PaymentLeg::state).containsOnly(LegState.UNKNOWN);
    assertThat(pending.pending().message()).contains("deadline exceeded");
    // Temporal UI sends the signal; the order rolls back on its own thread.
    workflow.rollback(operator(null));
    OrderView order = closeWindow(workflow);

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    assertThat(cardHeld).isFalse();
    // The read model showed the leg as unknown until its void settled it.
    assertThat(recordedViews())
        .flatExtracting(OrderView::legs)
        .extracting(PaymentLeg::state)
        .containsSubsequence(LegState.UNKNOWN, LegState.VOIDED);
    InOrder undo = inOrder(stock, payment);
    undo.verify(payment).voidLeg(leg(ID + ":void:1", "1"));
    undo.verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    assertHistoryReplays();
  }

  @Test
  void shouldRollEverythingBackWhenTheCardAuthorizationExpiredBeforeCapture() throws Exception {
    doThrow(
            businessFailure(
                FailureType.AUTHORIZATION_EXPIRED, "authorization psp-auth-1 expired at capture"))
        .when(payment)
        .captureLeg(leg(ID + ":capture:1", CARD));

    OrderView order = place(Orders.paidByCardBalanceAndPoints("tok_ok"));

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("AUTHORIZATION_EXPIRED");
    assertThat(order.reasonDetail()).contains("Leg 1", "expired");
    assertThat(order.step()).isEqualTo(OrderStep.CAPTURE_PAYMENT);
    assertThat(order.stepsDone())
        .containsExactly(
            OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT, OrderStep.REGISTER_SHIPPING);
    assertThat(order.legs())
        .extracting(PaymentLeg::legId, PaymentLeg::state, PaymentLeg::reason)
        .containsExactly(
            tuple(CARD, LegState.VOIDED, "AUTHORIZATION_EXPIRED"),
            tuple(BALANCE, LegState.VOIDED, null),
            tuple(POINTS, LegState.VOIDED, null));
    // Nothing was captured: the card goes first, and it is not retried or re-authorized.
    verify(payment).captureLeg(any());
    verify(payment, times(3)).authorizeLeg(any());
    InOrder undo = inOrder(stock, payment, shipping);
    undo.verify(shipping).cancelShipment(new ShipmentRef(ID + ":cancel-shipping", ID));
    undo.verify(payment).voidLeg(leg(ID + ":void:1", CARD));
    undo.verify(payment).voidLeg(leg(ID + ":void:3", POINTS));
    undo.verify(payment).voidLeg(leg(ID + ":void:2", BALANCE));
    undo.verify(stock).releaseStock(new ReservationRef(ID + ":release-stock", ID));
    verify(stock, never()).commitStock(any());
    assertThat(recordedViews()).last().isEqualTo(order);
    assertHistoryReplays();
  }

  @Test
  void shouldPendAfterTheCardWasCapturedAndOnlyLetARetryFinishTheBalance() throws Exception {
    AtomicBoolean paymentBack = new AtomicBoolean();
    doAnswer(
            call -> {
              if (!paymentBack.get()) {
                throw transientFailure();
              }
              return null;
            })
        .when(payment)
        .captureLeg(leg(ID + ":capture:2", BALANCE));
    OrderWorkflow workflow = start(Orders.paidByCardBalanceAndPoints("tok_ok"));

    OrderView pending = awaitPending(workflow);
    assertThat(pending.step()).isEqualTo(OrderStep.CAPTURE_PAYMENT);
    assertThat(pending.pending().rollbackAllowed()).isFalse();
    // Card, then points were captured; the balance waits.
    assertThat(pending.legs())
        .extracting(PaymentLeg::state)
        .containsExactly(LegState.CAPTURED, LegState.AUTHORIZED, LegState.CAPTURED);

    assertThat(rejectionType(catchThrowable(() -> workflow.rollbackPending(operator(null)))))
        .isEqualTo(UpdateRejections.ROLLBACK_NOT_ALLOWED);
    paymentBack.set(true);
    OrderView order = workflow.retryPending(operator("payment is back"));

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    InOrder calls = inOrder(payment, stock);
    calls.verify(payment).captureLeg(leg(ID + ":capture:1", CARD));
    calls.verify(payment, atLeast(5)).captureLeg(leg(ID + ":capture:2", BALANCE));
    calls.verify(stock).commitStock(any());
    verify(payment, never()).voidLeg(any());
    verify(shipping, never()).cancelShipment(any());
    verify(stock, never()).releaseStock(any());
    assertHistoryReplays();
  }

  @Test
  void shouldPendForAnOperatorAndUndoNothingWhenASecondCardExpiresAfterTheFirstWasCaptured()
      throws Exception {
    doThrow(businessFailure(FailureType.AUTHORIZATION_EXPIRED, "authorization expired"))
        .when(payment)
        .captureLeg(leg(ID + ":capture:2", "2"));
    OrderWorkflow workflow = start(Orders.paidByTwoCards());

    // No budget to wait for: a failure nobody handled stops the order at once.
    OrderView pending = awaitOrder(workflow, o -> o.status() == OrderStatus.PENDING);
    assertThat(pending.step()).isEqualTo(OrderStep.CAPTURE_PAYMENT);
    assertThat(pending.pending().reason()).isEqualTo("AUTHORIZATION_EXPIRED");
    assertThat(pending.legs())
        .extracting(PaymentLeg::state, PaymentLeg::reason)
        .containsExactly(tuple(LegState.CAPTURED, null), tuple(LegState.AUTHORIZED, null));
    // A rollback signal cannot apply after capture: ignored, twice.
    workflow.rollback(operator(null));
    workflow.rollback(operator(null));
    OrderView again = workflow.retryPending(operator("try once more"));

    // Captured money goes back only through a refund: no compensation runs.
    assertThat(again.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(again.pending().attempts()).isEqualTo(2);
    verify(payment, times(2)).captureLeg(leg(ID + ":capture:2", "2"));
    verify(payment, never()).voidLeg(any());
    verify(shipping, never()).cancelShipment(any());
    verify(stock, never()).releaseStock(any());
    assertHistoryReplays();
  }

  /** The card's Try is done at the service each time, but its answer never reaches the worker. */
  private void cardTryCommitsThenTimesOut() {
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              if (input.source().type() == SourceType.CARD) {
                cardHeld.set(true);
                throw ApplicationFailure.newFailure("deadline exceeded", "DEADLINE_EXCEEDED");
              }
              return authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());
  }
}
