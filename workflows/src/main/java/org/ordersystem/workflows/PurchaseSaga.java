package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.ReserveStockInput;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;
import org.slf4j.Logger;

/**
 * The purchase saga of {@link OrderWorkflowImpl}. Each step registers its compensation before it
 * calls the service, because a call that timed out may still have happened there:
 *
 * <pre>
 *   step               call              compensation         payment ({@link PaymentTcc})
 *   RESERVE_STOCK      reserveStock      releaseStock
 *   AUTHORIZE_PAYMENT  authorizeLeg (n)  voidLeg (n)          Try
 *   -- accepted: awaitAcceptance answers --
 *   REGISTER_SHIPPING  registerShipment  cancelShipment
 *   -- cancelOrder refused from here on --
 *   CAPTURE_PAYMENT    captureLeg (n)    none after the first Confirm
 *   COMMIT_STOCK       commitStock       none
 * </pre>
 *
 * <p>The steps before capture run in a cancellation scope of their own, which a cancel, from the
 * {@code cancelOrder} update or from a workflow cancellation, stops wherever it is. Whether a
 * cancel wins over capture is decided on the workflow thread, so the same way on every replay: the
 * order reaches CAPTURE_PAYMENT in the same synchronous step that finishes shipping, the validator
 * refuses a cancel from that step on, and a cancel accepted before it is checked once more after
 * the last step, so capture never starts once a cancel was accepted.
 *
 * <p>A step whose budget runs out, or that fails in a way nobody handled, makes the order PENDING
 * until a retry or a rollback ({@link StepRecovery}); a rollback of a PENDING order cancels the
 * steps before capture like a cancel request, and it ends CANCELLED with reason ROLLED_BACK. From
 * capture on, a PENDING order can only be retried. The only failure after acceptance that still
 * rolls the order back is a card authorization that expired before anything was captured: see
 * {@link PaymentTcc#confirmAll()}.
 */
final class PurchaseSaga {

  private static final Logger log = Workflow.getLogger(PurchaseSaga.class);

  /** Longest cancel reason kept, so the read model's column always takes it. */
  private static final int MAX_REASON_LENGTH = 1_000;

  private static final String CANCEL_SHIPMENT = "cancel shipment";

  private final PlaceOrderRequest request;
  private final String orderId;
  private final OrderWorkflowSettings settings;
  private final OrderRecorder recorder;
  private final PaymentTcc payment;
  private final Compensations compensations = new Compensations();

  // The steps: local calls first, then retried within the step's budget, then PENDING (see
  // LocalFirst and StepRecovery).
  private final LocalFirst<StockActivities> stock;
  private final LocalFirst<ShippingActivities> shipping;
  private final StepRecovery recovery;

  // Compensations: retried until they succeed.
  private final StockActivities stockUntilDone;
  private final ShippingActivities shippingUntilDone;

  private CancellationScope stepsBeforeCapture;
  private CancelOrderRequest cancelRequest;
  private Rollback rollback;
  private boolean shippingTried;

  /** The order as it stood when it was accepted or rejected; answers every awaitAcceptance. */
  private OrderView decision;

  PurchaseSaga(PlaceOrderRequest request, OrderWorkflowSettings settings, OrderRecorder recorder) {
    this.request = request;
    this.orderId = request.orderId();
    this.settings = settings;
    this.recorder = recorder;
    this.recovery = new StepRecovery(recorder, this::rollBackPending);
    boolean localFirst = LocalFirst.enabledInThisRun();
    var budget = settings.stepRetryBudget();
    this.payment =
        new PaymentTcc(
            request,
            recorder,
            recovery,
            LocalFirst.of(PaymentActivities.class, budget, localFirst));
    var untilDone = StepOptions.untilDone();
    stock = LocalFirst.of(StockActivities.class, budget, localFirst);
    shipping = LocalFirst.of(ShippingActivities.class, budget, localFirst);
    stockUntilDone = Workflow.newActivityStub(StockActivities.class, untilDone);
    shippingUntilDone = Workflow.newActivityStub(ShippingActivities.class, untilDone);
  }

  /** Retries and rollbacks of the order while it is PENDING. */
  StepRecovery recovery() {
    return recovery;
  }

  /** The acceptance or rejection, once decided; else null. */
  OrderView decision() {
    return decision;
  }

  /**
   * Runs the steps that can still be undone, each registering its compensation first.
   *
   * @return null when they all succeeded and no cancel was accepted, else why the order must be
   *     rolled back
   */
  Rollback runStepsBeforeCapture() {
    Rollback[] outcome = new Rollback[1];
    stepsBeforeCapture = Workflow.newCancellationScope(() -> outcome[0] = runSteps());
    stepsBeforeCapture.run();
    // Also when the last step's answer arrived together with an accepted cancel or rollback.
    if (cancelRequest != null) {
      rollback = cancelledByRequest();
    } else if (recovery.rollbackDecided()) {
      rollback =
          new Rollback(OrderStatus.CANCELLED, OrderWorkflow.ROLLED_BACK, recovery.rollbackDetail());
    } else {
      rollback = outcome[0];
    }
    return rollback;
  }

  /**
   * Captures, or rolls back what the steps before capture did; run in a detached scope, so a cancel
   * request neither stops a rollback halfway nor interrupts a capture, which has no way back.
   *
   * @return whether the order completed
   */
  boolean captureOrRollBack(Rollback beforeCapture) {
    Rollback failed = beforeCapture == null ? captureAndCommit() : beforeCapture;
    if (failed == null) {
      return true;
    }
    rollBack(failed);
    return false;
  }

  /** Why a cancel is refused now, or null when it is accepted. */
  String whyNotCancellable() {
    OrderState order = recorder.state();
    if (order.status().isFinal()) {
      return "Order " + orderId + " is already " + order.status() + ".";
    }
    if (cancelRequest != null) {
      return null; // Being cancelled already: this caller gets the same outcome.
    }
    if (recovery.rollbackDecided()) {
      return "Order " + orderId + " is being rolled back (" + OrderWorkflow.ROLLED_BACK + ").";
    }
    if (rollback != null) {
      String why = rollback.reason() == null ? rollback.status().name() : rollback.reason();
      return "Order " + orderId + " is being rolled back (" + why + ").";
    }
    if (order.step().ordinal() >= OrderStep.CAPTURE_PAYMENT.ordinal()) {
      return "Order " + orderId + " is at " + order.step() + ": its capture has begun.";
    }
    return null;
  }

  /**
   * Stops the steps before capture and waits until their compensations ran. A second cancel while
   * the first one runs waits for the same outcome.
   */
  OrderView cancel(CancelOrderRequest cancel) {
    String refusal = whyNotCancellable();
    if (refusal != null) {
      // The validator refused it already on this thread; this guards a caller that skipped it.
      throw UpdateRejections.rejection(UpdateRejections.ORDER_NOT_CANCELLABLE, refusal);
    }
    if (cancelRequest == null) {
      cancelRequest = cancel == null ? new CancelOrderRequest(null) : cancel;
      if (stepsBeforeCapture != null) {
        stepsBeforeCapture.cancel("Cancelled by request");
      }
    }
    Workflow.await(() -> recorder.state().status().isFinal());
    return recorder.view();
  }

  /** Stops the steps before capture, for a rollback decided while the order is PENDING. */
  private void rollBackPending() {
    if (stepsBeforeCapture != null) {
      stepsBeforeCapture.cancel("Rolled back while PENDING");
    }
  }

  private Rollback runSteps() {
    try {
      // The order exists in the read model as soon as the workflow does.
      recorder.record(recorder.view());
      reserveStock();
      authorizePayment();
      registerShipping();
      return null;
    } catch (ActivityFailure | CanceledFailure e) {
      return Rollback.of(
          recorder.state().step(),
          e,
          CancellationScope.current().isCancelRequested(),
          settings.stepRetryBudget());
    }
  }

  private void reserveStock() {
    compensations.add(
        "release stock",
        () ->
            stockUntilDone.releaseStock(
                new ReservationRef(IdempotencyKeys.releaseStock(orderId), orderId)));
    recovery.run(
        OrderStep.RESERVE_STOCK,
        true,
        StepRecovery::isBusinessOutcome,
        () ->
            stock.run(
                service ->
                    service.reserveStock(
                        new ReserveStockInput(
                            IdempotencyKeys.reserveStock(orderId), orderId, request.lines()))));
    recorder.transition(s -> s.advanceTo(OrderStep.AUTHORIZE_PAYMENT));
  }

  private void authorizePayment() {
    payment.tryAll(compensations);
    // Stock held and money authorized: the order is accepted, and the shop can be told so.
    decision = recorder.transition(s -> s.advanceTo(OrderStep.REGISTER_SHIPPING));
  }

  private void registerShipping() {
    shippingTried = true;
    compensations.add(
        CANCEL_SHIPMENT,
        () ->
            shippingUntilDone.cancelShipment(
                new ShipmentRef(IdempotencyKeys.cancelShipping(orderId), orderId)));
    Shipment shipment =
        recovery.call(
            OrderStep.REGISTER_SHIPPING,
            true,
            StepRecovery::isBusinessOutcome,
            () ->
                shipping.call(
                    service ->
                        service.registerShipment(
                            new RegisterShipmentInput(
                                IdempotencyKeys.registerShipping(orderId),
                                orderId,
                                request.shippingAddress(),
                                request.lines()))));
    // One synchronous change: from here on the validator refuses cancels.
    recorder.transition(
        s -> {
          s.shipped(shipment.trackingNumber());
          s.advanceTo(OrderStep.CAPTURE_PAYMENT);
        });
  }

  /**
   * Confirms every leg, then sells the stock, each within the step's budget; when one cannot go on,
   * the order becomes PENDING at that step and only a retry helps (see {@link StepRecovery}).
   *
   * @return null when the order completed; the rollback of a card authorization that expired before
   *     anything was captured
   */
  private Rollback captureAndCommit() {
    Rollback expired = payment.confirmAll();
    if (expired != null) {
      rollback = expired;
      return expired;
    }
    recorder.transition(s -> s.advanceTo(OrderStep.COMMIT_STOCK));
    recovery.run(
        OrderStep.COMMIT_STOCK,
        false,
        failure -> false,
        () ->
            stock.run(
                service ->
                    service.commitStock(
                        new ReservationRef(IdempotencyKeys.commitStock(orderId), orderId))));
    recorder.transition(OrderState::complete);
    return null;
  }

  private void rollBack(Rollback failed) {
    log.info(
        "Order {} rolls back at {}: {} {}",
        orderId,
        recorder.state().step(),
        failed.reason(),
        failed.detail());
    if (recorder.state().status() == OrderStatus.PENDING) {
      // Decided: while the compensations run the order is no longer waiting for anyone.
      recorder.transition(OrderState::resume);
    }
    List<String> failedUndos = compensations.runInReverse();
    String detail =
        failedUndos.isEmpty()
            ? failed.detail()
            : failed.detail() + " (compensation failed: " + String.join(", ", failedUndos) + ")";
    boolean shipmentCancelled = shippingTried && !failedUndos.contains(CANCEL_SHIPMENT);
    OrderView ended =
        recorder.transition(
            s -> {
              s.end(failed.status(), failed.reason(), detail);
              if (shipmentCancelled && s.canMoveShipment(ShipmentState.CANCELLED)) {
                s.moveShipment(ShipmentState.CANCELLED);
              }
            });
    if (decision == null) {
      decision = ended;
    }
  }

  private Rollback cancelledByRequest() {
    String reason = cancelRequest.reason();
    String detail =
        reason == null || reason.isBlank()
            ? "Cancelled by request during " + recorder.state().step() + "."
            : reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    return new Rollback(OrderStatus.CANCELLED, OrderWorkflow.CANCELLED_BY_REQUEST, detail);
  }
}
