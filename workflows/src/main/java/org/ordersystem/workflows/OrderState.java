package org.ordersystem.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderSnapshot;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;

/**
 * The order as a state machine, owned by one workflow run. Illegal transitions throw, which fails
 * the workflow task instead of recording an impossible order: a bug then shows up in Temporal as a
 * stuck task that a fixed deployment can resume.
 */
final class OrderState {

  private final String orderId;
  private final String shopId;
  private final String customerId;
  private final long total;
  private final List<OrderLine> lines;
  private final Instant createdAt;
  private final List<OrderStep> stepsDone = new ArrayList<>();
  private final List<PaymentLeg> legs = new ArrayList<>();
  private OrderStatus status = OrderStatus.CREATING;
  private OrderStep step = OrderStep.RESERVE_STOCK;
  private String reason;
  private String reasonDetail;
  private String trackingNumber;
  private ShipmentState shipmentState = ShipmentState.NONE;
  private long refundedAmount;
  private PendingInfo pending;
  private long version = 1;
  private Instant updatedAt;

  OrderState(PlaceOrderRequest request, Instant now) {
    this.orderId = request.orderId();
    this.shopId = request.shopId();
    this.customerId = request.customerId();
    this.total = request.total();
    this.lines = List.copyOf(request.lines());
    this.createdAt = now;
    this.updatedAt = now;
    List<PaymentSource> sources = request.paymentSources();
    for (int i = 0; i < sources.size(); i++) {
      PaymentSource source = sources.get(i);
      legs.add(new PaymentLeg(legId(i), source.type(), source.amount(), LegState.NEW));
    }
  }

  /** The order as a previous run of its workflow left it (Continue-As-New). */
  OrderState(OrderSnapshot previous) {
    this.orderId = previous.orderId();
    this.shopId = previous.shopId();
    this.customerId = previous.customerId();
    this.total = previous.total();
    this.lines = List.copyOf(previous.lines());
    this.createdAt = previous.createdAt();
    this.stepsDone.addAll(previous.stepsDone());
    this.legs.addAll(previous.legs());
    this.status = previous.status();
    this.step = previous.step();
    this.reason = previous.reason();
    this.reasonDetail = previous.reasonDetail();
    this.trackingNumber = previous.trackingNumber();
    this.shipmentState = previous.shipmentState();
    this.refundedAmount = previous.refundedAmount();
    this.pending = previous.pending();
    this.version = previous.version();
    this.updatedAt = previous.updatedAt();
  }

  /** Legs are numbered "1", "2", ... in the order the sources were given, stable across reruns. */
  static String legId(int index) {
    return String.valueOf(index + 1);
  }

  OrderStep step() {
    return step;
  }

  OrderStatus status() {
    return status;
  }

  ShipmentState shipmentState() {
    return shipmentState;
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

  /**
   * The leg's Try succeeded, maybe after a retry, so an earlier failure no longer applies; a CARD
   * leg carries the provider's authorization id.
   */
  void authorized(String legId, String pspAuthorizationId) {
    leg(legId, LegState.AUTHORIZED);
    updateLeg(legId, leg -> leg.withPspAuthorizationId(pspAuthorizationId).withReason(null));
  }

  /** The leg was captured, maybe after a retry, so an earlier failure no longer applies. */
  void captured(String legId) {
    leg(legId, LegState.CAPTURED);
    updateLeg(legId, leg -> leg.withReason(null));
  }

  LegState legState(String legId) {
    return findLeg(legId).state();
  }

  private PaymentLeg findLeg(String legId) {
    return legs.stream()
        .filter(leg -> leg.legId().equals(legId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No leg " + legId));
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
    if (shipmentState == ShipmentState.NONE) {
      shipmentState = ShipmentState.CREATED;
    }
  }

  /**
   * Whether the parcel can move to {@code next}: forward only (CREATED, DISPATCHED, DELIVERED), and
   * CANCELLED only before it left. A cancelled parcel never moves again.
   */
  boolean canMoveShipment(ShipmentState next) {
    if (next == null || shipmentState == ShipmentState.CANCELLED) {
      return false;
    }
    return next == ShipmentState.CANCELLED
        ? shipmentState.ordinal() < ShipmentState.DISPATCHED.ordinal()
        : next.ordinal() > shipmentState.ordinal();
  }

  void moveShipment(ShipmentState next) {
    if (!canMoveShipment(next)) {
      throw new IllegalStateException(
          "Shipment of " + orderId + " cannot go from " + shipmentState + " to " + next);
    }
    shipmentState = next;
  }

  /** A refund of {@code amount} completed: the order is REFUNDED once everything paid went back. */
  void refunded(long amount) {
    if (status != OrderStatus.COMPLETED && status != OrderStatus.PARTIALLY_REFUNDED) {
      throw new IllegalStateException("Order " + orderId + " is " + status + ", not refundable");
    }
    if (amount < 1 || refundedAmount + amount > total) {
      throw new IllegalStateException(
          "Order " + orderId + " cannot refund " + amount + " after " + refundedAmount);
    }
    refundedAmount += amount;
    status = refundedAmount == total ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
  }

  /** The current step stopped for a reason a person or the recovery sweep must judge. */
  void pend(PendingInfo why) {
    requireCreating();
    if (why.step() != step) {
      throw new IllegalStateException(
          "Order " + orderId + " is at " + step + ", not " + why.step());
    }
    status = OrderStatus.PENDING;
    pending = why;
  }

  /** A retry was decided: the PENDING step runs again. */
  void resume() {
    if (status != OrderStatus.PENDING) {
      throw new IllegalStateException("Order " + orderId + " is " + status + ", not PENDING");
    }
    status = OrderStatus.CREATING;
    pending = null;
  }

  /** The last step is done. */
  void complete() {
    advanceTo(OrderStep.COMPLETED);
    status = OrderStatus.COMPLETED;
  }

  /**
   * Ends the order, CREATING or PENDING, before any money was captured (at CAPTURE_PAYMENT only
   * when a card's authorization expired before anything was posted); the step stays the one that
   * failed.
   */
  void end(OrderStatus finalStatus, String reason, String reasonDetail) {
    if (status != OrderStatus.CREATING && status != OrderStatus.PENDING) {
      throw new IllegalStateException("Order " + orderId + " is already " + status);
    }
    if (finalStatus != OrderStatus.REJECTED && finalStatus != OrderStatus.CANCELLED) {
      throw new IllegalArgumentException("Not an end before capture: " + finalStatus);
    }
    // Captured money only goes back through a refund: a rollback ends an order only once every
    // captured leg was refunded ({@link #capturedAndRefunded}).
    long captured =
        legs.stream()
            .filter(leg -> leg.state() == LegState.CAPTURED)
            .mapToLong(PaymentLeg::amount)
            .sum();
    if (captured > refundedAmount) {
      throw new IllegalStateException("Order " + orderId + " has captured legs not refunded");
    }
    status = finalStatus;
    pending = null;
    this.reason = reason;
    this.reasonDetail = reasonDetail;
  }

  /**
   * A leg the workflow did not know was captured, refunded in full by the rollback that found it
   * captured: progress made by a workflow task that was lost before the server recorded it (see
   * {@code PurchaseUnwind}).
   */
  void capturedAndRefunded(String legId) {
    requireCreating();
    PaymentLeg leg = findLeg(legId);
    if (leg.state() == LegState.CAPTURED) {
      throw new IllegalStateException("Leg " + legId + " was known to be captured");
    }
    updateLeg(legId, known -> known.withState(LegState.CAPTURED).withReason(null));
    refundedAmount += leg.amount();
  }

  /**
   * The read model holds writes of this order up to {@code stored}, made by a workflow task that
   * was lost before the server recorded it; this run reuses those versions, so its next write must
   * be numbered after them.
   */
  void numberAfter(long stored) {
    version = Math.max(version, stored);
  }

  /** Marks a transition: the read model keeps a write only if its version is newer. */
  void touch(Instant now) {
    version++;
    updatedAt = now;
  }

  /** An immutable snapshot, safe to hand to the query, the update and the read model. */
  OrderView view() {
    return new OrderView(
        orderId,
        shopId,
        customerId,
        status,
        step,
        List.copyOf(stepsDone),
        total,
        reason,
        reasonDetail,
        lines,
        List.copyOf(legs),
        trackingNumber,
        version,
        createdAt,
        updatedAt,
        shipmentState,
        refundedAmount,
        pending);
  }

  /** What the next run needs to carry on (Continue-As-New). */
  OrderSnapshot snapshot() {
    return new OrderSnapshot(
        orderId,
        shopId,
        customerId,
        status,
        step,
        List.copyOf(stepsDone),
        total,
        reason,
        reasonDetail,
        lines,
        List.copyOf(legs),
        trackingNumber,
        version,
        createdAt,
        updatedAt,
        shipmentState,
        refundedAmount,
        pending);
  }

  private void requireCreating() {
    if (status != OrderStatus.CREATING) {
      throw new IllegalStateException("Order " + orderId + " is already " + status);
    }
  }
}
