package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.ordersystem.workflows.activities.OrderReadModelActivities.RecordedOrder;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities.RestockLinesInput;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

/**
 * A cancel accepted after the order went further than its workflow knew: a workflow task whose
 * local activities reserved, authorized, captured and committed was lost before the server recorded
 * it, so the history still shows the order authorizing (see {@link PurchaseUnwind}). Here the
 * services answer as they would then: voids find legs captured, the release finds the stock
 * committed. The cancel was accepted, so it must be kept: money refunded, units back, CANCELLED in
 * both Temporal and the read model. Before, the order ended CANCELLED with the money taken (the
 * recorded history {@code 2026-12-local-first-cancel-after-lost-progress-compensations-failed}).
 */
class OrderCancelAfterLostProgressTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;

  private final CountDownLatch cardTried = new CountDownLatch(1);
  private final CountDownLatch cancelSent = new CountDownLatch(1);

  @Test
  void shouldRefundEveryCapturedLegAndRestockWhenTheCancelFindsTheOrderCompletedAtTheServices()
      throws Exception {
    servicesHold(List.of("1", "2", "3"), true);

    OrderView cancelled = cancelWhileTheCardIsTried();

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo(OrderWorkflow.CANCELLED_BY_REQUEST);
    assertThat(cancelled.reasonDetail())
        .startsWith("changed my mind (it had gone further than its workflow knew:")
        .contains("refunded leg 1 (2500 JPY)", "refunded leg 2 (2500 JPY)")
        .contains("refunded leg 3 (1000 JPY)", "put the units sold back on hand")
        .doesNotContain("compensation failed");
    assertThat(cancelled.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    assertThat(cancelled.refundedAmount()).isEqualTo(cancelled.total());
    assertThat(cancelled.shipmentState()).isEqualTo(ShipmentState.CANCELLED);
    verify(payment).refundLeg(new RefundLegInput(ID + ":cancel-refund:1", ID, "1", 2_500));
    verify(payment).refundLeg(new RefundLegInput(ID + ":cancel-refund:2", ID, "2", 2_500));
    verify(payment).refundLeg(new RefundLegInput(ID + ":cancel-refund:3", ID, "3", 1_000));
    verify(stock)
        .restockLines(
            new RestockLinesInput(
                ID + ":cancel-restock",
                ID,
                List.of(new RefundLine("SKU-TEA", 2), new RefundLine("SKU-CUP", 1))));
    // The workflow never registered the shipment, yet the services may hold it: it is cancelled.
    verify(shipping).cancelShipment(new ShipmentRef(ID + ":cancel-shipping", ID));
    assertThat(closeWindow(workflow())).isEqualTo(cancelled);
    assertThat(recordedViews()).last().isEqualTo(cancelled);
    assertThat(markers())
        .contains(PurchaseUnwind.EVERY_STEP_ON_CANCEL)
        .doesNotContain(PurchaseUnwind.CHANGE_ID);
    assertHistoryReplays();
  }

  @Test
  void shouldRefundOnlyTheCapturedCardAndVoidTheRestWhenTheLostTaskStoppedMidCapture()
      throws Exception {
    servicesHold(List.of("1"), false);

    OrderView cancelled = cancelWhileTheCardIsTried();

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.reasonDetail()).contains("refunded leg 1 (2500 JPY)");
    assertThat(cancelled.reasonDetail()).doesNotContain("leg 2", "leg 3", "units sold");
    assertThat(cancelled.legs())
        .extracting(PaymentLeg::legId, PaymentLeg::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", LegState.CAPTURED),
            org.assertj.core.groups.Tuple.tuple("2", LegState.VOIDED),
            org.assertj.core.groups.Tuple.tuple("3", LegState.VOIDED));
    assertThat(cancelled.refundedAmount()).isEqualTo(2_500);
    verify(payment).refundLeg(new RefundLegInput(ID + ":cancel-refund:1", ID, "1", 2_500));
    verify(payment, never()).refundLeg(argThat(refund -> !refund.legId().equals("1")));
    verify(stock, never()).restockLines(any());
    assertHistoryReplays();
  }

  /**
   * The lost task authorized the card and registered the shipment, but captured nothing: every undo
   * the history registered succeeds, yet the shipment (never registered in this run) would be left
   * behind. A cancel unwinds every step, so it is cancelled too.
   */
  @Test
  void shouldCancelTheShipmentTheHistoryNeverReachedWhenNothingWasCaptured() throws Exception {
    servicesHold(List.of(), false);

    OrderView cancelled = cancelWhileTheCardIsTried();

    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.reasonDetail()).isEqualTo("changed my mind");
    assertThat(cancelled.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    assertThat(cancelled.refundedAmount()).isZero();
    verify(shipping).cancelShipment(new ShipmentRef(ID + ":cancel-shipping", ID));
    verify(shipping, never()).registerShipment(any());
    verify(payment, never()).refundLeg(any());
    verify(stock, never()).restockLines(any());
    assertHistoryReplays();
  }

  /**
   * The lost task's writes reached the read model (COMPLETED, version 9 here); this run numbers its
   * writes again from the last recorded step, so its end would be dropped as older. It is written
   * again after version 9, and only the end: the writes in between are not worth a step back.
   */
  @Test
  void shouldWriteTheEndAfterTheVersionsTheLostTaskWrote() throws Exception {
    long lostVersion = 9;
    doAnswer(
            call -> {
              OrderView view = call.getArgument(0);
              return view.version() <= lostVersion
                  ? new RecordedOrder(false, lostVersion)
                  : new RecordedOrder(true, view.version());
            })
        .when(readModel)
        .recordOrder(any());
    servicesHold(List.of("1", "2", "3"), true);

    cancelWhileTheCardIsTried();
    OrderView ended = closeWindow(workflow());

    assertThat(ended.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(ended.version()).isEqualTo(lostVersion + 1);
    List<OrderView> writes = recordedViews();
    assertThat(writes).last().isEqualTo(ended);
    assertThat(writes.get(writes.size() - 2).version()).isLessThanOrEqualTo(lostVersion);
    assertThat(writes.get(writes.size() - 2).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(writes).filteredOn(v -> v.version() > lostVersion).hasSize(1);
    assertHistoryReplays();
  }

  /**
   * The services' answers after the lost task: these legs captured ({@code legsCaptured}), the
   * stock committed or not. The card's Try (leg 1, tried last) fails its local attempts and then
   * waits for the cancel, so the cancel arrives while the history shows the order authorizing.
   */
  private void servicesHold(List<String> legsCaptured, boolean stockCommitted) {
    Answer<Object> cardTry =
        afterLocalAttemptsFail(
            call -> {
              cardTried.countDown();
              cancelSent.await(5, TimeUnit.SECONDS);
              return authorized(call.getArgument(0));
            });
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              return input.source().type() == SourceType.CARD
                  ? cardTry.answer(call)
                  : authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());
    doAnswer(
            call -> {
              if (legsCaptured.contains(call.<LegRef>getArgument(0).legId())) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "leg was captured", FailureType.ALREADY_CAPTURED.name());
              }
              return null;
            })
        .when(payment)
        .voidLeg(any());
    if (stockCommitted) {
      doThrow(
              ApplicationFailure.newNonRetryableFailure(
                  "reservation was committed", PurchaseUnwind.ALREADY_COMMITTED))
          .when(stock)
          .releaseStock(any());
    }
  }

  private OrderView cancelWhileTheCardIsTried() throws InterruptedException {
    OrderWorkflow workflow = newOrderWorkflow();
    WorkflowClient.start(workflow::placeOrder, Orders.paidByCardBalanceAndPoints("tok_ok"));
    assertThat(cardTried.await(10, TimeUnit.SECONDS)).isTrue();
    OrderView cancelled = workflow.cancelOrder(new CancelOrderRequest("changed my mind"));
    cancelSent.countDown();
    return cancelled;
  }

  private OrderWorkflow workflow() {
    return runningOrder(ID);
  }

  /** The change ids of the version markers in the order's history. */
  private List<String> markers() {
    return client.fetchHistory(PlaceOrderRequest.workflowId(ID)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .map(HistoryEvent::getMarkerRecordedEventAttributes)
        .filter(m -> m.getDetailsMap().containsKey("changeId"))
        .map(m -> m.getDetailsMap().get("changeId").getPayloads(0).getData().toStringUtf8())
        .map(json -> json.replace("\"", ""))
        .toList();
  }
}
