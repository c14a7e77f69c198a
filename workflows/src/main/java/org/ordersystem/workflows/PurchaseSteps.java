package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.ReserveStockInput;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * The purchase flow as a table: its stages in order, each with its calls, their undo, and the
 * failures that are their final answer.
 *
 * <pre>
 *   stage              call (per leg)     undo (per leg)    final answers, which end the order
 *   -- before capture: a cancel stops the flow, the undos run in reverse --
 *   RESERVE_STOCK      reserveStock       releaseStock      business failures (OUT_OF_STOCK)
 *   AUTHORIZE_PAYMENT  authorizeLeg (n)   voidLeg (n)       business failures (PAYMENT_DECLINED)
 *                      balance and points together, then the card
 *   -- the order is accepted: the shop is told --
 *   REGISTER_SHIPPING  registerShipment   cancelShipment    business failures (INVALID_ADDRESS)
 *   -- from capture: no undo, a PENDING order can only be retried --
 *   CAPTURE_PAYMENT    captureLeg (n)     none              a card authorization that expired
 *                      the card, then points and balance    before anything was captured
 *                      together
 *   COMMIT_STOCK       commitStock        none              none
 * </pre>
 *
 * <p>Every call runs as a local activity first, then as a regular activity within the step's retry
 * budget ({@link LocalFirst}); any other failure makes the order PENDING ({@link StepRecovery}).
 * Undos are regular activities retried until they succeed. Every call carries an idempotency key
 * derived from the order, the step and the leg ({@link IdempotencyKeys}), so a retry is answered
 * from the service's first result. The payment legs' rows come from {@link PaymentTcc}, which
 * orders them for Try/Confirm/Cancel.
 */
final class PurchaseSteps {

  static final String CANCEL_SHIPMENT = "cancel shipment";

  private final PlaceOrderRequest request;
  private final String orderId;
  private final OrderRecorder recorder;
  private final Duration retryBudget;
  private final PaymentTcc payment;
  private final LocalFirst<StockActivities> stock;
  private final LocalFirst<ShippingActivities> shipping;
  private final StockActivities stockUntilDone =
      Workflow.newActivityStub(StockActivities.class, StepOptions.untilDone());
  private final ShippingActivities shippingUntilDone =
      Workflow.newActivityStub(ShippingActivities.class, StepOptions.untilDone());

  PurchaseSteps(
      PlaceOrderRequest request,
      OrderRecorder recorder,
      Duration retryBudget,
      PaymentTcc payment,
      LocalFirst<StockActivities> stock,
      LocalFirst<ShippingActivities> shipping) {
    this.request = request;
    this.orderId = request.orderId();
    this.recorder = recorder;
    this.retryBudget = retryBudget;
    this.payment = payment;
    this.stock = stock;
    this.shipping = shipping;
  }

  /** The stages, in the order they run. */
  List<Stage> stages() {
    return List.of(
        Stage.beforeCapture(OrderStep.RESERVE_STOCK, reserveStock()),
        Stage.beforeCapture(OrderStep.AUTHORIZE_PAYMENT, payment.tries(this::rollBackFor))
            .acceptingTheOrder(),
        Stage.beforeCapture(OrderStep.REGISTER_SHIPPING, registerShipping()),
        Stage.fromCapture(OrderStep.CAPTURE_PAYMENT, payment.confirms()),
        Stage.fromCapture(OrderStep.COMMIT_STOCK, commitStock()));
  }

  private SagaStep<Void> reserveStock() {
    return SagaStep.running(
            () ->
                stock.run(
                    service ->
                        service.reserveStock(
                            new ReserveStockInput(
                                IdempotencyKeys.reserveStock(orderId), orderId, request.lines()))))
        .undoneBy(
            "release stock",
            () ->
                stockUntilDone.releaseStock(
                    new ReservationRef(IdempotencyKeys.releaseStock(orderId), orderId)))
        .refusedWhen(StepRecovery::isBusinessOutcome, this::rollBackFor);
  }

  private SagaStep<ShippingActivities.Shipment> registerShipping() {
    return SagaStep.calling(
            () ->
                shipping.call(
                    service ->
                        service.registerShipment(
                            new RegisterShipmentInput(
                                IdempotencyKeys.registerShipping(orderId),
                                orderId,
                                request.shippingAddress(),
                                request.lines()))))
        .undoneBy(
            CANCEL_SHIPMENT,
            () ->
                shippingUntilDone.cancelShipment(
                    new ShipmentRef(IdempotencyKeys.cancelShipping(orderId), orderId)))
        .refusedWhen(StepRecovery::isBusinessOutcome, this::rollBackFor)
        .whenDone(
            shipment -> recorder.changeWithNextWrite(s -> s.shipped(shipment.trackingNumber())));
  }

  private SagaStep<Void> commitStock() {
    return SagaStep.running(
        () ->
            stock.run(
                service ->
                    service.commitStock(
                        new ReservationRef(IdempotencyKeys.commitStock(orderId), orderId))));
  }

  /**
   * How an order ends when a call before capture is refused, or stopped by a cancel: asked after
   * the refusal's own changes were written, as a cancel may have arrived meanwhile.
   */
  private Rollback rollBackFor(ActivityFailure failure) {
    return Rollback.of(
        recorder.state().step(),
        failure,
        CancellationScope.current().isCancelRequested(),
        retryBudget);
  }
}
