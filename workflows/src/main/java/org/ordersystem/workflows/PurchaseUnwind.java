package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.RestockLinesInput;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundLine;
import org.slf4j.Logger;

/**
 * Undoes everything an order may have done, whatever its history shows: for a rollback that ends
 * CANCELLED, and for one whose registered undos found the order further along than its workflow
 * knew.
 *
 * <p>How an order gets ahead of its workflow: its calls run as local activities first ({@link
 * LocalFirst}), whose results reach the history only with the workflow task that ran them. When
 * that task is lost before the server records it (the Temporal server restarts, or the task
 * outlives its timeout on a loaded worker), the services have done the work and the history does
 * not show it: the next task runs the flow again from the last recorded step, each call answered
 * from its idempotency key. A cancel accepted in between (the validator judges by what the history
 * shows) rolls back only what the history shows, and the compensations find their steps further on:
 * a leg captured (ALREADY_CAPTURED), the stock committed (ALREADY_COMMITTED). A 10,000-order chaos
 * run found one such order (docs/reliability.md).
 *
 * <p>The cancel was accepted, so it is kept as a cancel after capture would be: every leg voided,
 * or refunded in full where it was captured; the shipment cancelled; the reservation released, or
 * its units put back where it was committed. Every call is idempotent and succeeds on what never
 * happened, so the calls for steps the order never reached change nothing.
 *
 * <p>The lost task need not have reached capture for the history to miss something: it may have
 * authorized a leg or registered the shipment that the replayed run has not tried yet, and whose
 * undo it therefore never registered. So a rollback that ends CANCELLED (a cancel request, an
 * operator's or reconciliation's rollback of a PENDING order) unwinds every step from version 1 of
 * {@link #EVERY_STEP_ON_CANCEL} on, not only those the history shows; it costs a call per leg and
 * the shipment's cancel, on cancels only. A rollback for a refusal (REJECTED) cannot follow lost
 * progress (a step answers its key the same way every time) and runs the registered undos.
 *
 * <p>Histories recorded before version 1 of {@link #CHANGE_ID} end such an order CANCELLED with the
 * compensations failed; those recorded before {@link #EVERY_STEP_ON_CANCEL} run the registered
 * undos first and unwind every step only when one of them finds its step further along.
 */
final class PurchaseUnwind {

  private static final Logger log = Workflow.getLogger(PurchaseUnwind.class);

  /** The change id of unwinding what went further, in the history. */
  static final String CHANGE_ID = "unwind-lost-progress";

  /** The change id of unwinding every step on every rollback that ends CANCELLED. */
  static final String EVERY_STEP_ON_CANCEL = "unwind-every-step-on-cancel";

  /**
   * The stock service's refusal to release a committed reservation. Not a {@link FailureType}: a
   * step that meets it waits PENDING for an operator; only a compensation reads it this way.
   */
  static final String ALREADY_COMMITTED = "ALREADY_COMMITTED";

  /** The failures that tell a compensation its step went further than the workflow knew. */
  private static final Set<String> STEP_FURTHER =
      Set.of(FailureType.ALREADY_CAPTURED.name(), ALREADY_COMMITTED);

  private final PlaceOrderRequest request;
  private final String orderId;
  private final OrderRecorder recorder;
  private final PaymentActivities payment =
      Workflow.newActivityStub(PaymentActivities.class, StepOptions.untilDone());
  private final StockActivities stock =
      Workflow.newActivityStub(StockActivities.class, StepOptions.untilDone());
  private final ShippingActivities shipping =
      Workflow.newActivityStub(ShippingActivities.class, StepOptions.untilDone());

  /** What went further and was reversed, for the order's reason detail. */
  private final List<String> reversed = new ArrayList<>();

  PurchaseUnwind(PlaceOrderRequest request, OrderRecorder recorder) {
    this.request = request;
    this.orderId = request.orderId();
    this.recorder = recorder;
  }

  /** Whether a compensation failed because its step had gone further than the workflow knew. */
  static boolean isStepFurther(ActivityFailure failure) {
    return STEP_FURTHER.contains(Rollback.reasonOf(failure));
  }

  /**
   * Whether a rollback unwinds the whole order when its compensations {@code undone} found steps
   * further along: asked only then, so histories without such a rollback hold no marker.
   */
  boolean appliesTo(Compensations.Undone undone) {
    boolean applies =
        undone.foundStepsFurther()
            && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (applies) {
      log.warn("Order {} went further than its workflow knew: unwinding every step", orderId);
    }
    return applies;
  }

  /**
   * Whether a rollback for {@code failed} unwinds every step rather than the undos the history
   * registered: a rollback that ends CANCELLED, from version 1 of {@link #EVERY_STEP_ON_CANCEL}.
   */
  static boolean coversEveryStep(Rollback failed) {
    return failed.status() == OrderStatus.CANCELLED
        && Workflow.getVersion(EVERY_STEP_ON_CANCEL, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Undoes every step, last first, for a rollback that ends CANCELLED: the legs voided (or
   * refunded) in the reverse of their Tries, the card first, as the registered undos would; {@link
   * #reversed} then says what had gone further.
   */
  Compensations.Undone everyStep() {
    return run(
        recorder.state().view().legs().stream()
            .sorted(Comparator.comparing(PaymentLeg::type)) // BALANCE, POINTS, CARD: PaymentTcc
            .toList());
  }

  /**
   * Undoes every step after the registered undos found one further along ({@link #appliesTo}): the
   * legs in the reverse of their ids, as version 1 of {@link #CHANGE_ID} recorded them.
   */
  Compensations.Undone afterStepsFurther() {
    return run(recorder.state().view().legs());
  }

  private Compensations.Undone run(List<PaymentLeg> legsInTryOrder) {
    Compensations all = new Compensations();
    // Registered in the order the steps run; they run in reverse.
    all.add(new Compensation("release or restock stock", this::releaseOrRestock));
    for (PaymentLeg leg : legsInTryOrder) {
      all.add(new Compensation("void or refund leg " + leg.legId(), () -> voidOrRefund(leg)));
    }
    all.add(new Compensation(PurchaseSteps.CANCEL_SHIPMENT, this::cancelShipment));
    return all.runInReverse();
  }

  /** What was found gone further and reversed, such as "refunded leg 1 (2500 JPY)". */
  List<String> reversed() {
    return List.copyOf(reversed);
  }

  private void cancelShipment() {
    shipping.cancelShipment(new ShipmentRef(IdempotencyKeys.cancelShipping(orderId), orderId));
  }

  private void voidOrRefund(PaymentLeg leg) {
    String legId = leg.legId();
    try {
      payment.voidLeg(new LegRef(IdempotencyKeys.voidLeg(orderId, legId), orderId, legId));
      if (recorder.state().legState(legId) != LegState.VOIDED) {
        recorder.transition(s -> s.leg(legId, LegState.VOIDED));
      }
    } catch (ActivityFailure e) {
      if (!FailureType.ALREADY_CAPTURED.name().equals(Rollback.reasonOf(e))) {
        throw e;
      }
      payment.refundLeg(
          new RefundLegInput(
              IdempotencyKeys.refundOnCancel(orderId, legId), orderId, legId, leg.amount()));
      recorder.transition(s -> s.capturedAndRefunded(legId));
      reversed.add("refunded leg " + legId + " (" + leg.amount() + " JPY)");
    }
  }

  private void releaseOrRestock() {
    try {
      stock.releaseStock(new ReservationRef(IdempotencyKeys.releaseStock(orderId), orderId));
    } catch (ActivityFailure e) {
      if (!ALREADY_COMMITTED.equals(Rollback.reasonOf(e))) {
        throw e;
      }
      List<RefundLine> sold =
          Refunds.merge(
              request.lines().stream()
                  .map(line -> new RefundLine(line.sku(), line.quantity()))
                  .toList());
      stock.restockLines(
          new RestockLinesInput(IdempotencyKeys.restockOnCancel(orderId), orderId, sold));
      reversed.add("put the units sold back on hand");
    }
  }
}
