package org.ordersystem.workflows;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import org.ordersystem.workflows.RefundWorkflow.RefundOutcome;
import org.ordersystem.workflows.RefundWorkflow.RefundPlan;
import org.ordersystem.workflows.model.OrderResume;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.slf4j.Logger;

/**
 * The life of a completed order until its refund window ends: runs the queued refunds one at a
 * time, each as a {@link RefundWorkflow} child, and hands the order to a new run when the history
 * grows long (Continue-As-New), once no refund is queued or running and every handler finished.
 */
final class RefundWindow {

  private static final Logger log = Workflow.getLogger(RefundWindow.class);

  private final PlaceOrderRequest request;
  private final OrderWorkflowSettings settings;
  private final OrderRecorder recorder;
  private final Refunds refunds;
  private final Instant endsAt;

  RefundWindow(
      PlaceOrderRequest request,
      OrderWorkflowSettings settings,
      OrderRecorder recorder,
      Refunds refunds,
      Instant endsAt) {
    this.request = request;
    this.settings = settings;
    this.recorder = recorder;
    this.refunds = refunds;
    this.endsAt = endsAt;
  }

  /** Returns once the window has passed and no refund is queued; or continues as new. */
  void run() {
    while (true) {
      Duration left = Duration.between(OrderRecorder.now(), endsAt);
      if (left.compareTo(Duration.ZERO) > 0) {
        Workflow.await(left, () -> refunds.hasQueued() || shouldContinueAsNew());
      }
      if (refunds.hasQueued()) {
        runNext();
        continue;
      }
      // A handler still running (a refund replay being answered, a shipment update being
      // recorded) must finish in this run; it may also queue a refund meanwhile.
      Workflow.await(() -> refunds.hasQueued() || Workflow.isEveryHandlerFinished());
      if (refunds.hasQueued()) {
        continue;
      }
      if (!OrderRecorder.now().isBefore(endsAt)) {
        return;
      }
      if (shouldContinueAsNew()) {
        continueAsNew();
      }
    }
  }

  private boolean shouldContinueAsNew() {
    WorkflowInfo info = Workflow.getInfo();
    return info.isContinueAsNewSuggested()
        || info.getHistoryLength() >= settings.continueAsNewAfterEvents();
  }

  private void continueAsNew() {
    log.info(
        "Order {} continues as new after {} events",
        request.orderId(),
        Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(
        request.resumingFrom(new OrderResume(recorder.state().snapshot(), refunds.all(), endsAt)));
  }

  /**
   * Runs the oldest queued refund to its end, then books it on the order. The refund and the order
   * change together, before anything yields, so the checks of the next request see both or neither.
   */
  private void runNext() {
    RefundView next = refunds.nextQueued();
    RefundPlan plan = refunds.plan(next, recorder.view());
    RefundOutcome outcome;
    try {
      outcome = child(next.refundId()).refund(plan);
    } catch (ChildWorkflowFailure e) {
      // The refund's calls retry until done, so this is the books and a service disagreeing
      // (REFUND_EXCEEDED, RESTOCK_EXCEEDED): a bug. Failing the workflow task, not the workflow,
      // keeps the order open and its later refunds queued until a fixed deployment resumes it.
      throw new IllegalStateException(
          "Refund " + next.refundId() + " of order " + request.orderId() + " failed for good", e);
    }
    RefundView done = refunds.complete(plan, outcome, OrderRecorder.now());
    recorder.transition(
        s -> {
          s.refunded(done.amount());
          if (outcome.shipmentCancelled() && s.canMoveShipment(ShipmentState.CANCELLED)) {
            s.moveShipment(ShipmentState.CANCELLED);
          } else if (outcome.shipmentDispatched() && s.canMoveShipment(ShipmentState.DISPATCHED)) {
            // The carrier's own update is on its way; the refund learned it first.
            s.moveShipment(ShipmentState.DISPATCHED);
          }
        });
    recorder.recordRefund(done);
    refunds.recorded(done.refundId());
  }

  /**
   * The refund's child. Abandoned, not terminated, if the order's run is ever terminated while it
   * runs: money halfway back is worse than a refund an operator has to book by hand.
   */
  private static RefundWorkflow child(String refundId) {
    return Workflow.newChildWorkflowStub(
        RefundWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(RefundWorkflow.workflowId(refundId))
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
  }
}
