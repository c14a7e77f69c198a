package org.ordersystem.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderResume;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShipmentUpdate;
import org.slf4j.Logger;

/**
 * One order from placement to the end of its refund window.
 *
 * <ol>
 *   <li>The purchase saga ({@link PurchaseSaga}): reserve, authorize, register shipping, capture,
 *       commit; rolled back before capture on a failure or a {@code cancelOrder}.
 *   <li>Once COMPLETED, the workflow stays open for {@link OrderWorkflowSettings#refundWindow()}
 *       ({@link RefundWindow}): refunds arrive as updates, shipment news as signals.
 * </ol>
 *
 * <p><b>Why the order's workflow stays open.</b> Refunds of one order must be serialized: two
 * racing refunds must not both see the same amount left. Kept in the order's workflow, every
 * request is checked and queued on its single workflow thread, against the refunds completed and
 * those queued before it, so the serialization comes for free: no lock, no compare-and-set in a
 * database, no second source of truth for what was captured, shipped and refunded. The refunds then
 * run one at a time, each as a {@link RefundWorkflow} child with its own id and history, which
 * keeps the order's history short and shows each refund in the UI on its own.
 *
 * <p><b>Continue-As-New.</b> When the server suggests it, or the history reaches {@link
 * OrderWorkflowSettings#continueAsNewAfterEvents()}, a completed order waits until no refund is
 * queued and every handler finished, then continues as new with the same {@link PlaceOrderRequest}
 * carrying an {@link OrderResume}: the order, its refunds and the end of the window. A run that
 * starts with a resume state skips the saga. Callers address the workflow id, not the run, so later
 * updates, signals and queries reach the new run.
 *
 * <p>Deterministic code only: time comes from {@link Workflow#currentTimeMillis()}, and all IO goes
 * through activities and child workflows.
 */
public class OrderWorkflowImpl implements OrderWorkflow {

  private static final Logger log = Workflow.getLogger(OrderWorkflowImpl.class);

  private final OrderWorkflowSettings settings;

  private OrderRecorder recorder;
  private Refunds refunds;

  /** Null in a run continued as new, which starts past the saga. */
  private PurchaseSaga saga;

  /** Null until the order completes. */
  private Instant refundWindowEndsAt;

  /** With the default settings; used by the replayer and by workers that do not tune them. */
  public OrderWorkflowImpl() {
    this(OrderWorkflowSettings.defaults());
  }

  public OrderWorkflowImpl(OrderWorkflowSettings settings) {
    this.settings = settings;
  }

  @Override
  public OrderView placeOrder(PlaceOrderRequest request) {
    validate(request);
    OrderResume resume = request.resume();
    if (resume == null) {
      recorder = new OrderRecorder(new OrderState(request, OrderRecorder.now()));
      refunds = new Refunds(List.of());
      saga = new PurchaseSaga(request, settings, recorder);
    } else {
      recorder = new OrderRecorder(new OrderState(resume.order()));
      refunds = new Refunds(resume.refunds());
      refundWindowEndsAt = resume.refundWindowEndsAt();
    }
    SagaOutcome beforeCapture =
        saga == null ? new SagaOutcome.Done() : saga.runStepsBeforeCapture();
    // Detached: a cancel request must neither stop a rollback halfway, nor interrupt a capture,
    // which has no way back, nor a refund.
    Workflow.newDetachedCancellationScope(
            () -> {
              boolean completed =
                  saga == null || saga.captureOrRollBack(beforeCapture) instanceof SagaOutcome.Done;
              if (completed) {
                if (refundWindowEndsAt == null) {
                  refundWindowEndsAt = OrderRecorder.now().plus(settings.refundWindow());
                }
                recorder.refundWindowEndsAt(refundWindowEndsAt);
                new RefundWindow(request, settings, recorder, refunds, refundWindowEndsAt).run();
              }
              // Let running handlers answer before the run closes, so no caller is lost.
              Workflow.await(Workflow::isEveryHandlerFinished);
              if (saga != null) {
                saga.recovery().awaitNotifications();
              }
            })
        .run();
    return recorder.view();
  }

  @Override
  public OrderView awaitAcceptance() {
    Workflow.await(() -> decision().isPresent());
    return decision().orElseThrow();
  }

  private Optional<OrderView> decision() {
    if (saga != null) {
      return saga.decision();
    }
    // A run continued as new serves a completed order: it was accepted long ago.
    return recorder == null ? Optional.empty() : Optional.of(recorder.view());
  }

  @Override
  public void validateCancelOrder(CancelOrderRequest request) {
    Optional<String> refusal;
    if (recorder == null) {
      refusal = Optional.of("The order is not started yet.");
    } else if (saga == null) {
      refusal =
          Optional.of(
              "Order " + recorder.view().orderId() + " is already " + recorder.state().status());
    } else {
      refusal = saga.whyNotCancellable();
    }
    if (refusal.isPresent()) {
      throw UpdateRejections.rejection(UpdateRejections.ORDER_NOT_CANCELLABLE, refusal.get());
    }
  }

  @Override
  public OrderView cancelOrder(CancelOrderRequest request) {
    validateCancelOrder(request);
    return saga.cancel(request);
  }

  /**
   * A refund that reaches a run continued as new before its first task set the order up is let
   * through: the handler waits for the order, then checks it. Refused here, it would have been told
   * ORDER_NOT_REFUNDABLE while the order takes refunds.
   */
  @Override
  public void validateRefund(RefundRequest request) {
    if (recorder != null) {
      checkRefund(request);
    }
  }

  /**
   * Queues the refund, or finds it when its id is known, and answers once it is COMPLETED and
   * recorded. Checked again here, in the same synchronous step that queues it: the validator's
   * verdict must still hold when the handler runs, whatever ran in between.
   */
  @Override
  public RefundView requestRefund(RefundRequest request) {
    Workflow.await(() -> recorder != null);
    Refunds.Checked checked = checkRefund(request);
    String refundId = request.refundId();
    if (checked != null) {
      RefundView queued = refunds.queue(request, checked, recorder.view(), OrderRecorder.now());
      recorder.recordRefund(queued);
    }
    Workflow.await(() -> refunds.isSettled(refundId));
    return refunds.find(refundId);
  }

  private Refunds.Checked checkRefund(RefundRequest request) {
    if (recorder == null) {
      throw UpdateRejections.rejection(
          UpdateRejections.ORDER_NOT_REFUNDABLE, "The order is not started yet.");
    }
    return refunds.check(request, recorder.view(), OrderRecorder.now(), refundWindowEndsAt);
  }

  /** Moves the parcel forward; duplicates, regressions and other states are ignored. */
  @Override
  public void shipmentUpdated(ShipmentUpdate update) {
    ShipmentState next = update == null ? null : update.state();
    if (recorder == null
        || (next != ShipmentState.DISPATCHED && next != ShipmentState.DELIVERED)
        || !recorder.state().canMoveShipment(next)) {
      log.info(
          "Shipment update {} ignored at {}",
          next,
          recorder == null ? null : recorder.state().shipmentState());
      return;
    }
    recorder.transition(s -> s.moveShipment(next));
  }

  @Override
  public void retry(RecoveryRequest request) {
    Optional<Refusal> refusal = retryRefusal();
    if (refusal.isPresent()) {
      log.warn("retry signal ignored: {} ({})", refusal.get().detail(), request);
      return;
    }
    saga.recovery().retry(request);
  }

  @Override
  public void rollback(RecoveryRequest request) {
    Optional<Refusal> refusal = rollbackRefusal();
    if (refusal.isPresent()) {
      log.warn("rollback signal ignored: {} ({})", refusal.get().detail(), request);
      return;
    }
    saga.recovery().rollback(request);
  }

  @Override
  public void validateRetryPending(RecoveryRequest request) {
    retryRefusal()
        .ifPresent(
            refusal -> {
              throw refusal.toFailure();
            });
  }

  /** Checked again in the handler: the validator's verdict must hold when the decision applies. */
  @Override
  public OrderView retryPending(RecoveryRequest request) {
    validateRetryPending(request);
    int timesPendingBefore = saga.recovery().retry(request);
    return saga.recovery().awaitRetrySettled(timesPendingBefore);
  }

  @Override
  public void validateRollbackPending(RecoveryRequest request) {
    rollbackRefusal()
        .ifPresent(
            refusal -> {
              throw refusal.toFailure();
            });
  }

  @Override
  public OrderView rollbackPending(RecoveryRequest request) {
    validateRollbackPending(request);
    saga.recovery().rollback(request);
    return saga.recovery().awaitFinal();
  }

  /** Why a retry does not apply now; empty when it does. */
  private Optional<Refusal> retryRefusal() {
    return saga == null ? notInTheSaga() : saga.recovery().retryRefusal();
  }

  /** Why a rollback does not apply now; empty when it does. */
  private Optional<Refusal> rollbackRefusal() {
    return saga == null ? notInTheSaga() : saga.recovery().rollbackRefusal();
  }

  /** Before the workflow started, or in a run continued as new: nothing is PENDING. */
  private Optional<Refusal> notInTheSaga() {
    String status = recorder == null ? "not started yet" : recorder.state().status().name();
    return Optional.of(
        new Refusal(UpdateRejections.ORDER_NOT_PENDING, "The order is " + status + "."));
  }

  @Override
  public OrderView getOrder() {
    return recorder == null ? null : recorder.view();
  }

  @Override
  public List<RefundView> getRefunds() {
    return refunds == null ? List.of() : refunds.all();
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
