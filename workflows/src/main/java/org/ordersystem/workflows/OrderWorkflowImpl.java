package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.ReserveStockInput;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.slf4j.Logger;

/**
 * The purchase saga. Each step registers its compensation before it calls the service, because a
 * call that timed out may still have happened there:
 *
 * <pre>
 *   step               call              compensation         payment ({@link PaymentTcc})
 *   RESERVE_STOCK      reserveStock      releaseStock
 *   AUTHORIZE_PAYMENT  authorizeLeg (n)  voidLeg (n)          Try
 *   -- accepted: awaitAcceptance answers --
 *   REGISTER_SHIPPING  registerShipment  cancelShipment
 *   CAPTURE_PAYMENT    captureLeg (n)    none after the first Confirm
 *   COMMIT_STOCK       commitStock       none
 * </pre>
 *
 * <p>The only failure after acceptance that still rolls the order back is a card authorization
 * that expired before anything was captured: see {@link PaymentTcc#confirmAll()}.
 *
 * <p>Deterministic code only: time comes from {@link Workflow#currentTimeMillis()}, and all IO goes
 * through activities.
 */
public class OrderWorkflowImpl implements OrderWorkflow {

  private static final Logger log = Workflow.getLogger(OrderWorkflowImpl.class);

  private final OrderWorkflowSettings settings;

  // Before capture: retried within the step's budget, then rolled back.
  private final StockActivities stock;
  private final ShippingActivities shipping;

  // Commit and compensations: retried until they succeed.
  private final StockActivities stockUntilDone;
  private final ShippingActivities shippingUntilDone;

  private final OrderReadModelActivities readModel =
      Workflow.newLocalActivityStub(OrderReadModelActivities.class, StepOptions.readModel());

  private OrderState order;
  private String orderId;
  private PaymentTcc payment;

  /** The order as it stood when it was accepted or rejected; answers every awaitAcceptance. */
  private OrderView decision;

  /** With the default settings; used by the replayer and by workers that do not tune them. */
  public OrderWorkflowImpl() {
    this(OrderWorkflowSettings.defaults());
  }

  public OrderWorkflowImpl(OrderWorkflowSettings settings) {
    this.settings = settings;
    var beforeCapture = StepOptions.beforeCapture(settings.stepRetryBudget());
    var untilDone = StepOptions.untilDone();
    stock = Workflow.newActivityStub(StockActivities.class, beforeCapture);
    shipping = Workflow.newActivityStub(ShippingActivities.class, beforeCapture);
    stockUntilDone = Workflow.newActivityStub(StockActivities.class, untilDone);
    shippingUntilDone = Workflow.newActivityStub(ShippingActivities.class, untilDone);
  }

  @Override
  public OrderView placeOrder(PlaceOrderRequest request) {
    validate(request);
    orderId = request.orderId();
    order = new OrderState(request, now());
    payment = new PaymentTcc(request, settings, this::transition);
    Compensations compensations = new Compensations();
    Rollback beforeCapture = runStepsBeforeCapture(request, compensations);
    // Detached: a cancel request must neither stop a rollback halfway nor interrupt a capture,
    // which has no way back.
    Workflow.newDetachedCancellationScope(
            () -> {
              Rollback rollback = beforeCapture == null ? captureAndCommit() : beforeCapture;
              if (rollback != null) {
                rollBack(compensations, rollback);
              }
              // Let a running awaitAcceptance answer before the run closes, so no caller is lost.
              Workflow.await(Workflow::isEveryHandlerFinished);
            })
        .run();
    return order.view();
  }

  /**
   * Runs the steps that can still be undone, each registering its compensation first.
   *
   * @return null when they all succeeded, else why the order must be rolled back
   */
  private Rollback runStepsBeforeCapture(PlaceOrderRequest request, Compensations compensations) {
    try {
      // The order exists in the read model as soon as the workflow does.
      record(order.view());
      reserveStock(request, compensations);
      authorizePayment(compensations);
      registerShipping(request, compensations);
      return null;
    } catch (ActivityFailure | CanceledFailure e) {
      return Rollback.of(
          order.step(),
          e,
          CancellationScope.current().isCancelRequested(),
          settings.stepRetryBudget());
    }
  }

  private void reserveStock(PlaceOrderRequest request, Compensations compensations) {
    compensations.add(
        "release stock",
        () ->
            stockUntilDone.releaseStock(
                new ReservationRef(IdempotencyKeys.releaseStock(orderId), orderId)));
    stock.reserveStock(
        new ReserveStockInput(IdempotencyKeys.reserveStock(orderId), orderId, request.lines()));
    transition(s -> s.advanceTo(OrderStep.AUTHORIZE_PAYMENT));
  }

  private void authorizePayment(Compensations compensations) {
    payment.tryAll(compensations);
    // Stock held and money authorized: the order is accepted, and the shop can be told so.
    decision = transition(s -> s.advanceTo(OrderStep.REGISTER_SHIPPING));
  }

  private void registerShipping(PlaceOrderRequest request, Compensations compensations) {
    compensations.add(
        "cancel shipment",
        () ->
            shippingUntilDone.cancelShipment(
                new ShipmentRef(IdempotencyKeys.cancelShipping(orderId), orderId)));
    Shipment shipment =
        shipping.registerShipment(
            new RegisterShipmentInput(
                IdempotencyKeys.registerShipping(orderId),
                orderId,
                request.shippingAddress(),
                request.lines()));
    transition(
        s -> {
          s.shipped(shipment.trackingNumber());
          s.advanceTo(OrderStep.CAPTURE_PAYMENT);
        });
  }

  /**
   * Confirms every leg, then sells the stock; both retry until they succeed. A non-retryable
   * failure here is a bug or a broken fence and fails the workflow for an operator to see, with
   * the read model left at the step that failed.
   *
   * @return null when the order completed; the rollback of a card authorization that expired
   *     before anything was captured
   */
  private Rollback captureAndCommit() {
    Rollback expired = payment.confirmAll();
    if (expired != null) {
      return expired;
    }
    transition(s -> s.advanceTo(OrderStep.COMMIT_STOCK));
    stockUntilDone.commitStock(new ReservationRef(IdempotencyKeys.commitStock(orderId), orderId));
    transition(OrderState::complete);
    return null;
  }

  private void rollBack(Compensations compensations, Rollback rollback) {
    log.info(
        "Order {} rolls back at {}: {} {}",
        orderId,
        order.step(),
        rollback.reason(),
        rollback.detail());
    List<String> failed = compensations.runInReverse();
    String detail =
        failed.isEmpty()
            ? rollback.detail()
            : rollback.detail() + " (compensation failed: " + String.join(", ", failed) + ")";
    OrderView ended = transition(s -> s.end(rollback.status(), rollback.reason(), detail));
    if (decision == null) {
      decision = ended;
    }
  }

  /** Applies a change, stamps it with the next version and writes it to the read model. */
  private OrderView transition(Consumer<OrderState> change) {
    change.accept(order);
    order.touch(now());
    OrderView view = order.view();
    record(view);
    return view;
  }

  /**
   * Writes the view until it lands: an outage of the read model pauses the order at its next
   * transition rather than losing a state. A cancel request still interrupts a paused order before
   * capture.
   */
  private void record(OrderView view) {
    for (int round = 1; ; round++) {
      try {
        readModel.recordOrder(view);
        return;
      } catch (ActivityFailure e) {
        if (CancellationScope.current().isCancelRequested()) {
          throw e;
        }
        log.warn(
            "Order {} version {} not recorded after {} round(s); retrying",
            orderId,
            view.version(),
            round,
            e);
        Workflow.sleep(StepOptions.MAXIMUM_INTERVAL);
      }
    }
  }

  @Override
  public OrderView awaitAcceptance() {
    Workflow.await(() -> decision != null);
    return decision;
  }

  @Override
  public OrderView getOrder() {
    return order == null ? null : order.view();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** The API validates orders; this guards the workflow against a caller that did not. */
  private static void validate(PlaceOrderRequest request) {
    if (request == null
        || request.orderId() == null
        || request.orderId().isBlank()
        || request.lines() == null
        || request.lines().isEmpty()
        || request.paymentSources() == null
        || request.paymentSources().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "An order needs an id, lines and payment sources: " + request,
          FailureType.INVALID_REQUEST.name());
    }
  }
}
