package org.ordersystem.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * The order as a state machine, owned by one workflow run. Illegal transitions throw, which fails
 * the workflow task instead of recording an impossible order: a bug then shows up in Temporal as a
 * stuck task that a fixed deployment can resume.
 */
final class OrderState {

  private final PlaceOrderRequest request;
  private final Instant createdAt;
  private final List<OrderStep> stepsDone = new ArrayList<>();
  private final List<PaymentLeg> legs = new ArrayList<>();
  private OrderStatus status = OrderStatus.CREATING;
  private OrderStep step = OrderStep.RESERVE_STOCK;
  private String reason;
  private String reasonDetail;
  private String trackingNumber;
  private long version = 1;
  private Instant updatedAt;

  OrderState(PlaceOrderRequest request, Instant now) {
    this.request = request;
    this.createdAt = now;
    this.updatedAt = now;
    List<PaymentSource> sources = request.paymentSources();
    for (int i = 0; i < sources.size(); i++) {
      PaymentSource source = sources.get(i);
      legs.add(new PaymentLeg(legId(i), source.type(), source.amount(), LegState.NEW));
    }
  }

  /** Legs are numbered "1", "2", ... in the order the sources were given, stable across reruns. */
  static String legId(int index) {
    return String.valueOf(index + 1);
  }

  OrderStep step() {
    return step;
  }

  /** Finishes the current step and starts {@code next}, which must be the step right after it. */
  void advanceTo(OrderStep next) {
    requireCreating();
    if (next.ordinal() != step.ordinal() + 1) {
      throw new IllegalStateException("Cannot go from " + step + " to " + next);
    }
    stepsDone.add(step);
    step = next;
  }

  /**
   * Moves one leg along Try/Confirm/Cancel: NEW to AUTHORIZED to CAPTURED, or to VOIDED; a Try
   * whose outcome could not be learned leaves it UNKNOWN until it is voided.
   */
  void leg(String legId, LegState next) {
    updateLeg(
        legId,
        leg -> {
          if (!canMove(leg.state(), next)) {
            throw new IllegalStateException(
                "Leg " + legId + " cannot go from " + leg.state() + " to " + next);
          }
          return leg.withState(next);
        });
  }

  /** The leg's Try succeeded; a CARD leg carries the provider's authorization id. */
  void authorized(String legId, String pspAuthorizationId) {
    leg(legId, LegState.AUTHORIZED);
    updateLeg(legId, leg -> leg.withPspAuthorizationId(pspAuthorizationId));
  }

  /** The leg's Try or Confirm failed for good, for {@code reason} (a failure type). */
  void legFailed(String legId, String reason) {
    updateLeg(legId, leg -> leg.withReason(reason));
  }

  private void updateLeg(String legId, UnaryOperator<PaymentLeg> change) {
    for (int i = 0; i < legs.size(); i++) {
      PaymentLeg leg = legs.get(i);
      if (leg.legId().equals(legId)) {
        legs.set(i, change.apply(leg));
        return;
      }
    }
    throw new IllegalArgumentException("No leg " + legId);
  }

  private static boolean canMove(LegState from, LegState to) {
    return switch (to) {
      case NEW -> false;
      // From UNKNOWN too: a leg can be settled by asking the service again.
      case AUTHORIZED -> from == LegState.NEW || from == LegState.UNKNOWN;
      case CAPTURED -> from == LegState.AUTHORIZED;
      // A leg that was never authorized is voided too: its authorization may have timed out
      // on our side yet succeeded at the provider. A void is idempotent, so is this move.
      case VOIDED -> from != LegState.CAPTURED;
      case UNKNOWN -> from == LegState.NEW;
    };
  }

  void shipped(String trackingNumber) {
    requireCreating();
    this.trackingNumber = trackingNumber;
  }

  /** The last step is done. */
  void complete() {
    advanceTo(OrderStep.COMPLETED);
    status = OrderStatus.COMPLETED;
  }

  /**
   * Ends the order before any money was captured (at CAPTURE_PAYMENT only when a card's
   * authorization expired before anything was posted); the step stays the one that failed.
   */
  void end(OrderStatus finalStatus, String reason, String reasonDetail) {
    requireCreating();
    if (finalStatus != OrderStatus.REJECTED && finalStatus != OrderStatus.CANCELLED) {
      throw new IllegalArgumentException("Not an end before capture: " + finalStatus);
    }
    // Captured money only goes back through a refund; a rollback cannot undo it.
    if (legs.stream().anyMatch(leg -> leg.state() == LegState.CAPTURED)) {
      throw new IllegalStateException("Order " + request.orderId() + " has captured legs");
    }
    status = finalStatus;
    this.reason = reason;
    this.reasonDetail = reasonDetail;
  }

  /** Marks a transition: the read model keeps a write only if its version is newer. */
  void touch(Instant now) {
    version++;
    updatedAt = now;
  }

  /** An immutable snapshot, safe to hand to the query, the update and the read model. */
  OrderView view() {
    return new OrderView(
        request.orderId(),
        request.shopId(),
        request.customerId(),
        status,
        step,
        List.copyOf(stepsDone),
        request.total(),
        reason,
        reasonDetail,
        List.copyOf(request.lines()),
        List.copyOf(legs),
        trackingNumber,
        version,
        createdAt,
        updatedAt);
  }

  private void requireCreating() {
    if (status != OrderStatus.CREATING) {
      throw new IllegalStateException("Order " + request.orderId() + " is already " + status);
    }
  }
}
