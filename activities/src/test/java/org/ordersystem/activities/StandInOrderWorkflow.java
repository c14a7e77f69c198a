package org.ordersystem.activities;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.UpdateRejections;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShipmentUpdate;

/**
 * An order that is PENDING at REGISTER_SHIPPING from its start, with the real workflow's update
 * contract: validators refuse like the real ones ({@code TYPE: detail}), a retry completes it and a
 * rollback cancels it, each after {@link #SETTLE_TIME} (long enough for the caller to heartbeat).
 * Like the real workflow it stays open once final (the refund window). An order id starting with
 * {@link #CAPTURED_PREFIX} is one whose capture has begun: it cannot be rolled back.
 */
public class StandInOrderWorkflow implements OrderWorkflow {

  static final Duration SETTLE_TIME = Duration.ofSeconds(3);
  static final String CAPTURED_PREFIX = "captured-";

  private OrderView view;

  @WorkflowInit
  public StandInOrderWorkflow(PlaceOrderRequest request) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    boolean captured = request.orderId().startsWith(CAPTURED_PREFIX);
    PendingInfo pending =
        new PendingInfo(
            captured ? OrderStep.COMMIT_STOCK : OrderStep.REGISTER_SHIPPING,
            "STEP_TIMED_OUT",
            "the service did not answer",
            now,
            1,
            !captured);
    view =
        new OrderView(
            request.orderId(),
            request.shopId(),
            request.customerId(),
            OrderStatus.PENDING,
            pending.step(),
            List.of(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT),
            request.total(),
            null,
            null,
            request.lines(),
            List.of(),
            null,
            1,
            now,
            now,
            ShipmentState.NONE,
            0,
            pending);
  }

  @Override
  public OrderView placeOrder(PlaceOrderRequest request) {
    Workflow.await(() -> false); // open until terminated, like an order in its refund window
    return view;
  }

  @Override
  public void validateRetryPending(RecoveryRequest request) {
    requirePending();
  }

  @Override
  public OrderView retryPending(RecoveryRequest request) {
    Workflow.sleep(SETTLE_TIME);
    view = settled(OrderStatus.COMPLETED, OrderStep.COMPLETED, null);
    return view;
  }

  @Override
  public void validateRollbackPending(RecoveryRequest request) {
    requirePending();
    if (!view.pending().rollbackAllowed()) {
      throw refusal(
          UpdateRejections.ROLLBACK_NOT_ALLOWED, "capture of " + view.orderId() + " began");
    }
  }

  @Override
  public OrderView rollbackPending(RecoveryRequest request) {
    Workflow.sleep(SETTLE_TIME);
    view = settled(OrderStatus.CANCELLED, view.step(), OrderWorkflow.ROLLED_BACK);
    return view;
  }

  @Override
  public OrderView getOrder() {
    return view;
  }

  @Override
  public List<RefundView> getRefunds() {
    return List.of();
  }

  // What follows is not what the recovery activities send.

  @Override
  public OrderView awaitAcceptance() {
    return view;
  }

  @Override
  public OrderView cancelOrder(CancelOrderRequest request) {
    throw new UnsupportedOperationException("not part of this stand-in");
  }

  @Override
  public void validateCancelOrder(CancelOrderRequest request) {}

  @Override
  public RefundView requestRefund(RefundRequest request) {
    throw new UnsupportedOperationException("not part of this stand-in");
  }

  @Override
  public void validateRefund(RefundRequest request) {}

  @Override
  public void shipmentUpdated(ShipmentUpdate update) {}

  @Override
  public void retry(RecoveryRequest request) {}

  @Override
  public void rollback(RecoveryRequest request) {}

  private void requirePending() {
    if (view.status() != OrderStatus.PENDING) {
      throw refusal(UpdateRejections.ORDER_NOT_PENDING, "order is " + view.status());
    }
  }

  /** The real workflow's convention (UpdateRejections.rejection is not public). */
  private static ApplicationFailure refusal(String type, String detail) {
    return ApplicationFailure.newNonRetryableFailure(type + ": " + detail, type);
  }

  /** The order after a retry or rollback; the version counts how many ran. */
  private OrderView settled(OrderStatus status, OrderStep step, String reason) {
    return new OrderView(
        view.orderId(),
        view.shopId(),
        view.customerId(),
        status,
        step,
        view.stepsDone(),
        view.total(),
        reason,
        null,
        view.lines(),
        view.legs(),
        null,
        view.version() + 1,
        view.createdAt(),
        Instant.ofEpochMilli(Workflow.currentTimeMillis()),
        view.shipmentState(),
        0,
        null);
  }
}
