package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.stubbing.Stubber;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities.RestockLinesInput;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShipmentUpdate;
import org.ordersystem.workflows.model.SourceType;

/**
 * Refunds of a completed order paid by card (leg 1, 2,500), balance (leg 2, 2,500) and points (leg
 * 3, 1,000), with lines SKU-TEA 2 x 1,200 and SKU-CUP 1 x 3,600.
 */
class OrderRefundTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  private static final ShipmentRef CANCEL_SHIPPING = new ShipmentRef(ID + ":cancel-shipping", ID);

  @Test
  void shouldReturnCardThenBalanceThenPointsStopTheParcelAndRestockAllOnAFullRefund()
      throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    RefundView refund = workflow.requestRefund(amount("ref-1", 6_000));

    assertThat(refund.status()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(refund.amount()).isEqualTo(6_000);
    assertThat(refund.legRefunds())
        .containsExactly(
            new LegRefund("1", SourceType.CARD, 2_500),
            new LegRefund("2", SourceType.BALANCE, 2_500),
            new LegRefund("3", SourceType.POINTS, 1_000));
    assertThat(refund.shipmentCancelled()).isTrue();
    assertThat(refund.completedAt()).isAfterOrEqualTo(refund.requestedAt());
    InOrder calls = inOrder(shipping, payment, stock);
    calls.verify(shipping).cancelShipment(CANCEL_SHIPPING);
    calls.verify(payment).refundLeg(new RefundLegInput("ref-1:refund:1", ID, "1", 2_500));
    calls.verify(payment).refundLeg(new RefundLegInput("ref-1:refund:2", ID, "2", 2_500));
    calls.verify(payment).refundLeg(new RefundLegInput("ref-1:refund:3", ID, "3", 1_000));
    calls
        .verify(stock)
        .restockLines(
            new RestockLinesInput(
                "ref-1:restock",
                ID,
                List.of(new RefundLine("SKU-TEA", 2), new RefundLine("SKU-CUP", 1))));
    OrderView order = workflow.getOrder();
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.refundedAmount()).isEqualTo(6_000);
    assertThat(order.shipmentState()).isEqualTo(ShipmentState.CANCELLED);
    assertThat(recordedViews()).last().isEqualTo(order);
    assertThat(recordedRefunds())
        .extracting(RefundView::status)
        .containsExactly(RefundStatus.REQUESTED, RefundStatus.COMPLETED);
    assertThat(recordedRefunds()).last().isEqualTo(refund);
    assertThat(workflow.getRefunds()).containsExactly(refund);
    assertThat(closeWindow(workflow)).isEqualTo(order);
    assertHistoryReplays();
    assertReplays(client.fetchHistory(RefundWorkflow.workflowId("ref-1")));
  }

  @Test
  void shouldRefundPartOfTheAmountThenTheRestAndOnlyThenStopTheParcel() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    RefundView first = workflow.requestRefund(amount("ref-1", 3_000));
    OrderView partly = workflow.getOrder();
    RefundView second = workflow.requestRefund(amount("ref-2", 3_000));

    assertThat(first.legRefunds())
        .containsExactly(
            new LegRefund("1", SourceType.CARD, 2_500),
            new LegRefund("2", SourceType.BALANCE, 500));
    assertThat(first.shipmentCancelled()).isFalse();
    assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(partly.refundedAmount()).isEqualTo(3_000);
    assertThat(partly.shipmentState()).isEqualTo(ShipmentState.CREATED);
    assertThat(second.legRefunds())
        .containsExactly(
            new LegRefund("2", SourceType.BALANCE, 2_000),
            new LegRefund("3", SourceType.POINTS, 1_000));
    assertThat(second.shipmentCancelled()).isTrue();
    OrderView order = closeWindow(workflow);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.refundedAmount()).isEqualTo(6_000);
    // An amount refund returns no goods; only the full one, which stops the parcel, restocks.
    verify(stock)
        .restockLines(
            new RestockLinesInput(
                "ref-2:restock",
                ID,
                List.of(new RefundLine("SKU-TEA", 2), new RefundLine("SKU-CUP", 1))));
    verify(shipping).cancelShipment(CANCEL_SHIPPING);
    assertHistoryReplays();
  }

  @Test
  void shouldRestockTheReturnedLinesAndRefundTheirPrice() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    RefundView one = workflow.requestRefund(lines("ref-1", new RefundLine("SKU-TEA", 1)));
    RefundView rest =
        workflow.requestRefund(
            lines("ref-2", new RefundLine("SKU-CUP", 1), new RefundLine("SKU-TEA", 1)));

    assertThat(one.amount()).isEqualTo(1_200);
    assertThat(one.legRefunds()).containsExactly(new LegRefund("1", SourceType.CARD, 1_200));
    assertThat(one.shipmentCancelled()).isFalse();
    assertThat(rest.amount()).isEqualTo(4_800);
    assertThat(rest.legRefunds())
        .containsExactly(
            new LegRefund("1", SourceType.CARD, 1_300),
            new LegRefund("2", SourceType.BALANCE, 2_500),
            new LegRefund("3", SourceType.POINTS, 1_000));
    InOrder calls = inOrder(shipping, stock);
    calls
        .verify(stock)
        .restockLines(
            new RestockLinesInput("ref-1:restock", ID, List.of(new RefundLine("SKU-TEA", 1))));
    calls.verify(shipping).cancelShipment(CANCEL_SHIPPING);
    // Every unit was named by a refund: nothing else to put back.
    calls
        .verify(stock)
        .restockLines(
            new RestockLinesInput(
                "ref-2:restock",
                ID,
                List.of(new RefundLine("SKU-CUP", 1), new RefundLine("SKU-TEA", 1))));
    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.REFUNDED);
    assertHistoryReplays();
  }

  @Test
  void shouldFollowTheParcelForwardOnlyAndNotStopItAfterDispatch() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    workflow.shipmentUpdated(new ShipmentUpdate(ShipmentState.DISPATCHED));
    OrderView dispatched = awaitOrder(workflow, o -> o.shipmentState() == ShipmentState.DISPATCHED);
    workflow.shipmentUpdated(new ShipmentUpdate(ShipmentState.DISPATCHED));
    workflow.shipmentUpdated(new ShipmentUpdate(ShipmentState.CREATED));
    workflow.shipmentUpdated(new ShipmentUpdate(ShipmentState.DELIVERED));
    OrderView delivered = awaitOrder(workflow, o -> o.shipmentState() == ShipmentState.DELIVERED);
    workflow.shipmentUpdated(new ShipmentUpdate(ShipmentState.DISPATCHED));
    RefundView refund = workflow.requestRefund(amount("ref-1", 6_000));

    // Duplicates and regressions change nothing, not even the version.
    assertThat(delivered.version()).isEqualTo(dispatched.version() + 1);
    assertThat(refund.shipmentCancelled()).isFalse();
    OrderView order = closeWindow(workflow);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.shipmentState()).isEqualTo(ShipmentState.DELIVERED);
    verify(shipping, never()).cancelShipment(any());
    verify(stock, never()).restockLines(any());
    verify(payment, times(3)).refundLeg(any());
    assertThat(recordedViews())
        .extracting(OrderView::shipmentState)
        .containsSubsequence(
            ShipmentState.CREATED, ShipmentState.DISPATCHED, ShipmentState.DELIVERED);
    assertHistoryReplays();
  }

  @Test
  void shouldRefundAllButRestockNothingWhenTheParcelLeftBeforeItsUpdateArrived() throws Exception {
    doThrow(businessFailure(FailureType.ALREADY_DISPATCHED, "picked up at 10:02"))
        .when(shipping)
        .cancelShipment(any());
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());

    RefundView refund = workflow.requestRefund(amount("ref-1", 6_000));

    assertThat(refund.shipmentCancelled()).isFalse();
    assertThat(refund.legRefunds()).containsExactly(new LegRefund("1", SourceType.BALANCE, 6_000));
    OrderView order = closeWindow(workflow);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.shipmentState()).isEqualTo(ShipmentState.DISPATCHED);
    verify(shipping).cancelShipment(CANCEL_SHIPPING); // once: never retried
    verify(stock, never()).restockLines(any());
    assertHistoryReplays();
  }

  @Test
  void shouldAnswerAReplayedRefundIdWithTheFirstRefundAndRefuseItWithOtherParameters()
      throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    RefundView first = workflow.requestRefund(amount("ref-1", 1_000));
    RefundView replay = workflow.requestRefund(amount("ref-1", 1_000));
    Throwable conflict = catchThrowable(() -> workflow.requestRefund(amount("ref-1", 2_000)));

    assertThat(replay).isEqualTo(first);
    assertThat(rejectionType(conflict)).isEqualTo(UpdateRejections.IDEMPOTENCY_CONFLICT);
    verify(payment).refundLeg(new RefundLegInput("ref-1:refund:1", ID, "1", 1_000));
    verify(payment, times(1)).refundLeg(any());
    assertThat(workflow.getRefunds()).containsExactly(first);
    assertThat(closeWindow(workflow).refundedAmount()).isEqualTo(1_000);
    assertHistoryReplays();
  }

  @Test
  void shouldCompleteARefundOnceAPaymentOutageClears() throws Exception {
    int failures = 30; // about four minutes of backoff
    Stubber refund = doThrow(transientFailure());
    for (int i = 1; i < failures; i++) {
      refund = refund.doThrow(transientFailure());
    }
    refund.doReturn(null).when(payment).refundLeg(any());
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());

    WorkflowUpdateHandle<RefundView> handle =
        WorkflowStub.fromTyped(workflow)
            .startUpdate(
                UpdateOptions.newBuilder(RefundView.class)
                    .setUpdateName("requestRefund")
                    .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                    .build(),
                amount("ref-1", 2_000));
    // Waiting for the result lets time skip through the retries, then the window.
    OrderView order = closeWindow(workflow);

    assertThat(handle.getResult().status()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(order.refundedAmount()).isEqualTo(2_000);
    ArgumentCaptor<RefundLegInput> calls = ArgumentCaptor.forClass(RefundLegInput.class);
    verify(payment, times(failures + 1)).refundLeg(calls.capture());
    assertThat(calls.getAllValues())
        .containsOnly(new RefundLegInput("ref-1:refund:1", ID, "1", 2_000));
    assertHistoryReplays();
  }

  static RefundRequest amount(String refundId, long amount) {
    return new RefundRequest(refundId, amount, null, "customer request");
  }

  static RefundRequest lines(String refundId, RefundLine... lines) {
    return new RefundRequest(refundId, null, List.of(lines), "returned");
  }

  private List<RefundView> recordedRefunds() {
    ArgumentCaptor<RefundView> refunds = ArgumentCaptor.forClass(RefundView.class);
    verify(readModel, atLeastOnce()).recordRefund(refunds.capture());
    return refunds.getAllValues();
  }
}
