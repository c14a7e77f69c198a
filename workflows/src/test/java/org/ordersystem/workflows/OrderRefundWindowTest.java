package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.ordersystem.workflows.OrderRefundTest.amount;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundView;

/** A completed order's workflow: open for the refund window, continued as new when it grows. */
class OrderRefundWindowTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  private static final Duration WINDOW = Duration.ofDays(14);

  @Override
  OrderWorkflowSettings settings() {
    // The smallest history bound: the purchase alone exceeds it, and so do two refunds.
    return new OrderWorkflowSettings(
        OrderWorkflowSettings.DEFAULT_STEP_RETRY_BUDGET,
        WINDOW,
        OrderWorkflowSettings.MIN_CONTINUE_AS_NEW_AFTER_EVENTS);
  }

  @Test
  void shouldTakeRefundsUntilTheWindowEndsThenClose() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());
    Instant completedAt = workflow.getOrder().updatedAt();

    env.sleep(WINDOW.minusDays(1));
    RefundView late = workflow.requestRefund(amount("ref-1", 1_000));
    OrderView closed = closeWindow(workflow);

    assertThat(Duration.between(completedAt, late.completedAt()))
        .isGreaterThan(WINDOW.minusDays(1));
    assertThat(closed.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    // The last run closed when the window ended, counted from completion, not from its start.
    Timestamp closedAt =
        client.fetchHistory(PlaceOrderRequest.workflowId(ID)).getLastEvent().getEventTime();
    assertThat(Duration.between(completedAt, Instant.ofEpochSecond(closedAt.getSeconds())))
        .isBetween(WINDOW.minusSeconds(1), WINDOW.plusMinutes(1));
  }

  @Test
  void shouldKeepTheOrderAndItsRefundsAcrossContinueAsNew() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));
    String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();

    RefundView first = workflow.requestRefund(amount("ref-1", 3_000));
    Throwable tooMuch = catchThrowable(() -> workflow.requestRefund(amount("ref-2", 3_001)));
    RefundView replay = workflow.requestRefund(amount("ref-1", 3_000));
    RefundView second = workflow.requestRefund(amount("ref-3", 3_000));
    awaitRefundWindow(ID);
    List<RefundView> refunds = workflow.getRefunds();
    // Shown by the continued run before anything changes in it.
    String details = currentDetails(ID);
    OrderView closed = closeWindow(workflow);

    assertThat(rejectionType(tooMuch)).isEqualTo(UpdateRejections.INVALID_REFUND);
    assertThat(replay).isEqualTo(first);
    assertThat(refunds).containsExactly(first, second);
    assertThat(closed.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(closed.refundedAmount()).isEqualTo(6_000);
    assertThat(details).startsWith("**REFUNDED**").contains("Refunded 6,000 JPY of 6,000 JPY");
    // Each leg was refunded once per refund, whatever run took the request.
    ArgumentCaptor<RefundLegInput> legRefunds = ArgumentCaptor.forClass(RefundLegInput.class);
    verify(payment, atLeastOnce()).refundLeg(legRefunds.capture());
    assertThat(legRefunds.getAllValues())
        .extracting(RefundLegInput::idempotencyKey)
        .containsExactly("ref-1:refund:1", "ref-1:refund:2", "ref-3:refund:2", "ref-3:refund:3");
    List<WorkflowExecutionHistory> runs = runsFrom(firstRun);
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
    for (WorkflowExecutionHistory run : runs) {
      assertReplays(run);
    }
  }

  @Test
  void shouldResumeACompletedOrderFromTheStateItWasHandedWithoutPlacingItAgain() {
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());
    workflow.requestRefund(amount("ref-1", 1_000));
    String firstRun = WorkflowStub.fromTyped(workflow).getExecution().getRunId();

    OrderView closed = closeWindow(workflow);

    List<WorkflowExecutionHistory> runs = runsFrom(firstRun);
    HistoryEvent started = runs.get(1).getEvents().get(0);
    assertThat(started.getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId())
        .isEqualTo(firstRun);
    assertThat(closed.refundedAmount()).isEqualTo(1_000);
    // The purchase ran once, in the first run.
    verify(payment).captureLeg(any());
    verify(payment).authorizeLeg(any());
  }

  /** The histories of the chain of runs that starts with {@code runId}, oldest first. */
  private List<WorkflowExecutionHistory> runsFrom(String runId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String next = runId;
    while (next != null) {
      WorkflowExecutionHistory history =
          client.fetchHistory(PlaceOrderRequest.workflowId(ID), next);
      runs.add(history);
      HistoryEvent last = history.getLastEvent();
      next =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }
}
