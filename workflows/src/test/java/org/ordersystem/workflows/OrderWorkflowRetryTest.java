package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.OrderReadModelActivities.RecordedOrder;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;

/** Transient failures: retried within a step's budget before capture, without limit after. */
class OrderWorkflowRetryTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;

  @Test
  void shouldRetryTransientFailuresAndComplete() {
    doThrow(transientFailure())
        .doThrow(transientFailure())
        .doNothing()
        .when(stock)
        .reserveStock(any());
    doThrow(transientFailure())
        .doAnswer(call -> authorized(call.getArgument(0)))
        .when(payment)
        .authorizeLeg(any());

    OrderView order = place(Orders.paidByBalance());

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    verify(stock, times(3)).reserveStock(any());
    verify(payment, times(2)).authorizeLeg(any());
    verify(stock, never()).releaseStock(any());
    verify(payment, never()).voidLeg(any());
  }

  @Test
  void shouldPendWhenShippingOutlastsItsBudgetAndCompensateOnRollback() {
    when(shipping.registerShipment(any()))
        .thenThrow(ApplicationFailure.newFailure("shipping unavailable", "UNAVAILABLE"));
    OrderWorkflow workflow = start(Orders.paidByBalance());

    OrderView pending = awaitPending(workflow);

    Duration budget = OrderWorkflowSettings.DEFAULT_STEP_RETRY_BUDGET;
    assertThat(pending.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(pending.pending().step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(pending.pending().reason()).isEqualTo("STEP_TIMED_OUT");
    assertThat(pending.pending().message()).contains("shipping unavailable");
    // Workflow time (skipped): the retries stopped when the next one would overrun the budget.
    assertThat(Duration.between(pending.createdAt(), pending.pending().since()))
        .isBetween(budget.minus(StepOptions.MAXIMUM_INTERVAL), budget.plusSeconds(30));
    // Nothing is released while the order waits: a retry must find it all held.
    assertThat(pending.legs()).extracting(PaymentLeg::state).containsOnly(LegState.AUTHORIZED);
    verify(shipping, atLeast(10)).registerShipment(any());
    verify(stock, never()).releaseStock(any());

    OrderView order = workflow.rollbackPending(operator(null));

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
    assertThat(order.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.VOIDED);
    InOrder undo = inOrder(stock, payment, shipping);
    undo.verify(shipping).cancelShipment(any());
    undo.verify(payment).voidLeg(leg(ID + ":void:1", "1"));
    undo.verify(stock).releaseStock(any());
    verify(payment, never()).captureLeg(any());
  }

  @Test
  void shouldPendWhenCaptureOutlastsItsBudgetAndCompleteOnRetryWithoutCompensating() {
    AtomicBoolean paymentBack = new AtomicBoolean();
    doAnswer(
            call -> {
              if (!paymentBack.get()) {
                throw transientFailure();
              }
              return null;
            })
        .when(payment)
        .captureLeg(any());
    OrderWorkflow workflow = start(Orders.paidByBalance());

    OrderView pending = awaitPending(workflow);
    assertThat(pending.step()).isEqualTo(OrderStep.CAPTURE_PAYMENT);
    paymentBack.set(true);
    OrderView order = workflow.retryPending(operator(null));

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.pending()).isNull();
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    verify(payment, atLeast(10)).captureLeg(leg(ID + ":capture:1", "1"));
    verify(stock).commitStock(any());
    verify(payment, never()).voidLeg(any());
    verify(stock, never()).releaseStock(any());
    verify(shipping, never()).cancelShipment(any());
  }

  @Test
  void shouldRetryReadModelWritesUntilTheyLand() {
    doThrow(ApplicationFailure.newFailure("connection refused", "SQLException"))
        .doThrow(ApplicationFailure.newNonRetryableFailure("pool closed", "SQLException"))
        .doAnswer(call -> new RecordedOrder(true, call.<OrderView>getArgument(0).version()))
        .when(readModel)
        .recordOrder(any());

    OrderView order = place(Orders.paidByBalance());

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    // Retried within a round, then in a new round; the store keeps version 1 once.
    assertThat(recordedViews()).extracting(OrderView::version).startsWith(1L, 1L, 1L, 2L);
    assertThat(recordedViews()).last().isEqualTo(order);
    verify(stock).reserveStock(any());
  }
}
