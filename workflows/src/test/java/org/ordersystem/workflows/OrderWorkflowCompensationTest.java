package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/** A step fails for good before capture: its saga undoes what was done, last first. */
class OrderWorkflowCompensationTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  private static final ReservationRef RELEASE = new ReservationRef(ID + ":release-stock", ID);

  @Override
  OrderWorkflowSettings settings() {
    // Short, so the tests that exhaust it do few retries even with time skipping.
    return new OrderWorkflowSettings(Duration.ofMinutes(1));
  }

  @Test
  void shouldOnlyReleaseStockWhenOutOfStock() {
    doThrow(businessFailure(FailureType.OUT_OF_STOCK, "SKU-TEA: 2 wanted, 0 left"))
        .when(stock)
        .reserveStock(any());

    OrderView order = place(Orders.paidByBalance());

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("OUT_OF_STOCK");
    assertThat(order.reasonDetail()).isEqualTo("SKU-TEA: 2 wanted, 0 left");
    assertThat(order.step()).isEqualTo(OrderStep.RESERVE_STOCK);
    assertThat(order.stepsDone()).isEmpty();
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.NEW);
    // Registered before the call: the release runs even though the reserve failed.
    verify(stock).releaseStock(RELEASE);
    verify(stock).reserveStock(any()); // once: a business failure is never retried
    verify(stock, never()).commitStock(any());
    verifyNoInteractions(payment, shipping);
    assertThat(recordedViews()).last().isEqualTo(order);
  }

  @Test
  void shouldVoidBothLegsAndReleaseStockWhenSecondLegIsDeclined() {
    doAnswer(
            call -> {
              if (call.<PaymentActivities.AuthorizeLegInput>getArgument(0).legId().equals("2")) {
                throw businessFailure(FailureType.PAYMENT_DECLINED, "points balance too low");
              }
              return authorized(call.getArgument(0));
            })
        .when(payment)
        .authorizeLeg(any());

    OrderView order = place(Orders.paidByBalanceAndPoints());

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("PAYMENT_DECLINED");
    assertThat(order.reasonDetail()).isEqualTo("points balance too low");
    assertThat(order.step()).isEqualTo(OrderStep.AUTHORIZE_PAYMENT);
    assertThat(order.stepsDone()).containsExactly(OrderStep.RESERVE_STOCK);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    InOrder undo = inOrder(stock, payment);
    undo.verify(payment).voidLeg(leg(ID + ":void:2", "2"));
    undo.verify(payment).voidLeg(leg(ID + ":void:1", "1"));
    undo.verify(stock).releaseStock(RELEASE);
    verify(payment, never()).captureLeg(any());
    verifyNoInteractions(shipping);
  }

  @Test
  void shouldCancelShipmentVoidLegAndReleaseStockInReverseWhenAddressIsInvalid() {
    when(shipping.registerShipment(any()))
        .thenThrow(businessFailure(FailureType.INVALID_ADDRESS, "no such postal code"));

    OrderView order = place(Orders.paidByBalance());

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("INVALID_ADDRESS");
    assertThat(order.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    assertThat(order.trackingNumber()).isNull();
    InOrder undo = inOrder(stock, payment, shipping);
    undo.verify(shipping).cancelShipment(new ShipmentRef(ID + ":cancel-shipping", ID));
    undo.verify(payment).voidLeg(leg(ID + ":void:1", "1"));
    undo.verify(stock).releaseStock(RELEASE);
    verify(payment, never()).captureLeg(any());
    verify(stock, never()).commitStock(any());
  }

  @Test
  void shouldRunRemainingCompensationsWhenOneFailsForGood() {
    when(shipping.registerShipment(any()))
        .thenThrow(businessFailure(FailureType.INVALID_ADDRESS, "no such postal code"));
    doThrow(businessFailure(FailureType.IDEMPOTENCY_CONFLICT, "key reused"))
        .when(payment)
        .voidLeg(any());

    OrderView order = place(Orders.paidByBalance());

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason()).isEqualTo("INVALID_ADDRESS");
    assertThat(order.reasonDetail()).contains("compensation failed: void leg 1");
    // The view tells the truth: the money is still held, for an operator to see.
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.AUTHORIZED);
    verify(shipping).cancelShipment(any());
    verify(stock).releaseStock(RELEASE);
  }

  @Test
  void shouldReplayRejectedHistoryWithoutNonDeterminism() throws Exception {
    doThrow(businessFailure(FailureType.PAYMENT_DECLINED, "insufficient balance"))
        .when(payment)
        .authorizeLeg(any());
    place(Orders.paidByBalanceAndPoints());

    var history = client.fetchHistory(PlaceOrderRequest.workflowId(ID));

    WorkflowReplayer.replayWorkflowExecution(history, OrderWorkflowImpl.class);
  }
}
