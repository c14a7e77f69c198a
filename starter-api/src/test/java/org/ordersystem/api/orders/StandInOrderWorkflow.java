package org.ordersystem.api.orders;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShipmentUpdate;

/**
 * A stand-in for the order workflow, for the API's Temporal calls against the test server. A test
 * picks what its order does by {@link Scenario}, carried as the order's customer id (the one field
 * of the request it chooses freely), and what a cancel, refund or retry does by its reason or note:
 * {@link #NEVER_FINISHES}, {@link #REFUSED_BY_HANDLER}, {@link #FAILS_AGAIN}.
 */
public class StandInOrderWorkflow implements OrderWorkflow {

  /** What an order does, by its customer id; any customer id not listed here {@link #COMPLETES}. */
  public enum Scenario {
    /** Never decided: the placement waits until the order is cancelled. */
    UNDECIDED("slow"),
    /** Completes and stays open for refunds and shipment news. */
    STAYS_OPEN("open"),
    /** Stops PENDING at REGISTER_SHIPPING, before capture: it can still be rolled back. */
    PENDING_BEFORE_CAPTURE("pending"),
    /** Stops PENDING at CAPTURE_PAYMENT: it can only be retried. */
    PENDING_AT_CAPTURE("pending-captured"),
    /** Completes and ends. */
    COMPLETES("cust-1");

    public final String customerId;

    Scenario(String customerId) {
      this.customerId = customerId;
    }

    static Scenario of(String customerId) {
      for (Scenario scenario : values()) {
        if (scenario.customerId.equals(customerId)) {
          return scenario;
        }
      }
      return COMPLETES;
    }
  }

  /** A cancel, refund or retry with this reason or note is accepted and never finishes. */
  public static final String NEVER_FINISHES = "slow";

  /** A refund with this reason is accepted, then refused by its handler. */
  public static final String REFUSED_BY_HANDLER = "refused late";

  /** A retry with this note ends PENDING again, one attempt more. */
  public static final String FAILS_AGAIN = "fails again";

  private PlaceOrderRequest request;
  private OrderStatus status = OrderStatus.CREATING;
  private OrderView decision;
  private ShipmentState shipment = ShipmentState.NONE;
  private long refunded;
  private String reason;
  private PendingInfo pending;
  private final List<RefundView> refunds = new ArrayList<>();

  @Override
  public OrderView placeOrder(PlaceOrderRequest request) {
    this.request = request;
    Scenario scenario = Scenario.of(request.customerId());
    switch (scenario) {
      case UNDECIDED -> Workflow.await(() -> decision != null);
      case PENDING_BEFORE_CAPTURE, PENDING_AT_CAPTURE -> {
        boolean captured = scenario == Scenario.PENDING_AT_CAPTURE;
        OrderStep step = captured ? OrderStep.CAPTURE_PAYMENT : OrderStep.REGISTER_SHIPPING;
        stopPending(step, 1, !captured);
        decision = view();
        Workflow.await(() -> status.isFinal());
      }
      case STAYS_OPEN, COMPLETES -> {
        status = OrderStatus.COMPLETED;
        shipment = ShipmentState.CREATED;
        decision = view();
      }
    }
    if (scenario == Scenario.STAYS_OPEN) {
      Workflow.await(() -> false);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return view();
  }

  @Override
  public OrderView awaitAcceptance() {
    Workflow.await(() -> decision != null);
    return decision;
  }

  @Override
  public OrderView cancelOrder(CancelOrderRequest cancel) {
    if (NEVER_FINISHES.equals(cancel.reason())) {
      Workflow.await(() -> false);
    }
    status = OrderStatus.CANCELLED;
    decision = view();
    return decision;
  }

  @Override
  public void validateCancelOrder(CancelOrderRequest cancel) {
    if (status != OrderStatus.CREATING) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Order is " + status + "; it can no longer be cancelled.",
          UpdateRejections.ORDER_NOT_CANCELLABLE);
    }
  }

  @Override
  public RefundView requestRefund(RefundRequest refund) {
    RefundView known = find(refund.refundId());
    if (known != null) {
      return known;
    }
    if (refund.reason().equals(REFUSED_BY_HANDLER)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The payment service refused the refund.", UpdateRejections.INVALID_REFUND);
    }
    long amount = refund.amount();
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    boolean slow = NEVER_FINISHES.equals(refund.reason());
    RefundView view =
        new RefundView(
            refund.refundId(),
            request.orderId(),
            slow ? RefundStatus.REQUESTED : RefundStatus.COMPLETED,
            amount,
            List.of(),
            refund.reason(),
            List.of(),
            false,
            now,
            slow ? null : now);
    refunds.add(view);
    if (slow) {
      Workflow.await(() -> false);
    }
    refunded += amount;
    status = refunded == request.total() ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
    return view;
  }

  @Override
  public void validateRefund(RefundRequest refund) {
    RefundView known = find(refund.refundId());
    if (known != null) {
      if (!Objects.equals(known.amount(), refund.amount())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Refund " + refund.refundId() + " was asked with other parameters.",
            UpdateRejections.IDEMPOTENCY_CONFLICT);
      }
      return;
    }
    if (status != OrderStatus.COMPLETED && status != OrderStatus.PARTIALLY_REFUNDED) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Order is " + status + "; only a completed order can be refunded.",
          UpdateRejections.ORDER_NOT_REFUNDABLE);
    }
    if (refund.amount() == null || refund.amount() > request.total() - refunded) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Only " + (request.total() - refunded) + " JPY is left to refund.",
          UpdateRejections.INVALID_REFUND);
    }
  }

  @Override
  public void shipmentUpdated(ShipmentUpdate update) {
    shipment = update.state();
  }

  @Override
  public void retry(RecoveryRequest recovery) {
    if (status == OrderStatus.PENDING) {
      complete();
    }
  }

  @Override
  public void rollback(RecoveryRequest recovery) {
    if (status == OrderStatus.PENDING && pending.rollbackAllowed()) {
      rollBack();
    }
  }

  @Override
  public OrderView retryPending(RecoveryRequest recovery) {
    PendingInfo was = pending;
    status = OrderStatus.CREATING;
    pending = null;
    if (NEVER_FINISHES.equals(recovery.note())) {
      Workflow.await(() -> false);
    }
    if (FAILS_AGAIN.equals(recovery.note())) {
      stopPending(was.step(), was.attempts() + 1, was.rollbackAllowed());
    } else {
      complete();
    }
    return view();
  }

  @Override
  public void validateRetryPending(RecoveryRequest recovery) {
    if (status != OrderStatus.PENDING) {
      throw rejection(
          UpdateRejections.ORDER_NOT_PENDING,
          "Order is " + status + "; only a PENDING order can be retried.");
    }
  }

  @Override
  public OrderView rollbackPending(RecoveryRequest recovery) {
    rollBack();
    return view();
  }

  @Override
  public void validateRollbackPending(RecoveryRequest recovery) {
    if (status != OrderStatus.PENDING) {
      throw rejection(
          UpdateRejections.ORDER_NOT_PENDING,
          "Order is " + status + "; only a PENDING order can be rolled back.");
    }
    if (!pending.rollbackAllowed()) {
      throw rejection(
          UpdateRejections.ROLLBACK_NOT_ALLOWED,
          "Capture has begun (" + pending.step() + "); only a retry can complete the order.");
    }
  }

  @Override
  public OrderView getOrder() {
    return view();
  }

  @Override
  public List<RefundView> getRefunds() {
    return List.copyOf(refunds);
  }

  private void stopPending(OrderStep step, int attempts, boolean rollbackAllowed) {
    status = OrderStatus.PENDING;
    pending =
        new PendingInfo(
            step,
            "STEP_TIMED_OUT",
            step + " ran out of its retry budget.",
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            attempts,
            rollbackAllowed);
  }

  private void complete() {
    status = OrderStatus.COMPLETED;
    shipment = ShipmentState.CREATED;
    pending = null;
  }

  private void rollBack() {
    status = OrderStatus.CANCELLED;
    reason = OrderWorkflow.ROLLED_BACK;
    pending = null;
  }

  /** Refused the way the real workflow refuses: typed, and the type before the message. */
  private static ApplicationFailure rejection(String type, String detail) {
    return ApplicationFailure.newNonRetryableFailure(type + ": " + detail, type);
  }

  private RefundView find(String refundId) {
    return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst().orElse(null);
  }

  private OrderView view() {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return new OrderView(
        request.orderId(),
        request.shopId(),
        request.customerId(),
        status,
        pending != null
            ? pending.step()
            : status == OrderStatus.CREATING ? OrderStep.RESERVE_STOCK : OrderStep.COMPLETED,
        List.of(),
        request.total(),
        reason,
        null,
        request.lines(),
        List.of(),
        null,
        1,
        now,
        now,
        shipment,
        refunded,
        pending);
  }
}
