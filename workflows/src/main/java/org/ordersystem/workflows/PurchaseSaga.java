package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;
import org.slf4j.Logger;

/**
 * Runs the purchase flow's table ({@link PurchaseSteps}) for {@link OrderWorkflowImpl}: each call
 * registers its undo before it runs, each stage's end is one write of the order, and the first
 * refusal or cancel rolls back what was done, in reverse.
 *
 * <p>The stages before capture run in a cancellation scope of their own, which a cancel, from the
 * {@code cancelOrder} update or from a workflow cancellation, stops wherever it is. Whether a
 * cancel wins over capture is decided on the workflow thread, so the same way on every replay: the
 * order reaches CAPTURE_PAYMENT in the same synchronous step that finishes shipping, the validator
 * refuses a cancel from that step on, and a cancel accepted before it is checked once more after
 * the last stage, so capture never starts once a cancel was accepted.
 *
 * <p>A call whose budget runs out, or that fails in a way nobody handled, makes the order PENDING
 * until a retry or a rollback ({@link StepRecovery}); a rollback of a PENDING order cancels the
 * stages before capture like a cancel request, and it ends CANCELLED with reason ROLLED_BACK. From
 * capture on, a PENDING order can only be retried. The only failure after acceptance that still
 * rolls the order back is a card authorization that expired before anything was captured: see
 * {@link PaymentTcc#confirms()}.
 *
 * <p>A rollback that ends CANCELLED unwinds every step of the order, not only the undos the history
 * registered, since a lost workflow task may have run steps the history does not show; a rollback
 * for a refusal runs the registered undos, and unwinds everything only when one finds its step
 * further along: {@link PurchaseUnwind}.
 */
final class PurchaseSaga {

  private static final Logger log = Workflow.getLogger(PurchaseSaga.class);

  private final PlaceOrderRequest request;
  private final String orderId;
  private final OrderWorkflowSettings settings;
  private final OrderRecorder recorder;
  private final StepRecovery recovery;
  private final List<Stage> stages;
  private final Compensations compensations = new Compensations();

  private CancellationScope stepsBeforeCapture;
  private SagaOutcome beforeCapture;
  private CancelOrderRequest cancelRequest;

  /** Why the order rolls back, once decided; else null. */
  private Rollback rollback;

  /** The order as it stood when it was accepted or rejected; answers every awaitAcceptance. */
  private OrderView decision;

  PurchaseSaga(PlaceOrderRequest request, OrderWorkflowSettings settings, OrderRecorder recorder) {
    this.request = request;
    this.orderId = request.orderId();
    this.settings = settings;
    this.recorder = recorder;
    this.recovery = new StepRecovery(recorder, this::rollBackPending);
    // The version markers, in the order histories hold them.
    boolean localFirst = LocalFirst.enabledInThisRun();
    recorder.readLegWriteVersion();
    var budget = settings.stepRetryBudget();
    var payment =
        new PaymentTcc(
            request, recorder, LocalFirst.of(PaymentActivities.class, budget, localFirst));
    this.stages =
        new PurchaseSteps(
                request,
                recorder,
                budget,
                payment,
                LocalFirst.of(StockActivities.class, budget, localFirst),
                LocalFirst.of(ShippingActivities.class, budget, localFirst))
            .stages();
  }

  /** Retries and rollbacks of the order while it is PENDING. */
  StepRecovery recovery() {
    return recovery;
  }

  /** The acceptance or rejection, once decided. */
  Optional<OrderView> decision() {
    return Optional.ofNullable(decision);
  }

  /** Runs the stages that can still be undone, unless a cancel stops them. */
  SagaOutcome runStepsBeforeCapture() {
    stepsBeforeCapture = Workflow.newCancellationScope(() -> beforeCapture = runUntilCancelled());
    stepsBeforeCapture.run();
    // Also when the last call's answer arrived together with an accepted cancel or rollback.
    if (cancelRequest != null) {
      rollback = cancelledByRequest();
    } else if (recovery.rollbackDecided()) {
      rollback =
          new Rollback(OrderStatus.CANCELLED, OrderWorkflow.ROLLED_BACK, recovery.rollbackDetail());
    } else if (beforeCapture instanceof SagaOutcome.RollBack refused) {
      rollback = refused.rollback();
    }
    return rollback == null ? new SagaOutcome.Done() : new SagaOutcome.RollBack(rollback);
  }

  /**
   * Captures and commits, or rolls back what the stages before capture did; run in a detached
   * scope, so a cancel request neither stops a rollback halfway nor interrupts a capture, which has
   * no way back.
   *
   * @return done when the order completed
   */
  SagaOutcome captureOrRollBack(SagaOutcome beforeCapture) {
    SagaOutcome outcome =
        beforeCapture instanceof SagaOutcome.Done
            ? runStages(stage -> !stage.beforeCapture())
            : beforeCapture;
    if (outcome instanceof SagaOutcome.RollBack failed) {
      rollback = failed.rollback();
      rollBack(failed.rollback());
    }
    return outcome;
  }

  /** Why a cancel is refused now; empty when it is accepted. */
  Optional<String> whyNotCancellable() {
    OrderState order = recorder.state();
    if (order.status().isFinal()) {
      return Optional.of("Order " + orderId + " is already " + order.status() + ".");
    }
    if (cancelRequest != null) {
      return Optional.empty(); // Being cancelled already: this caller gets the same outcome.
    }
    if (recovery.rollbackDecided()) {
      return Optional.of(
          "Order " + orderId + " is being rolled back (" + OrderWorkflow.ROLLED_BACK + ").");
    }
    if (rollback != null) {
      String why = rollback.reason() == null ? rollback.status().name() : rollback.reason();
      return Optional.of("Order " + orderId + " is being rolled back (" + why + ").");
    }
    if (order.step().ordinal() >= OrderStep.CAPTURE_PAYMENT.ordinal()) {
      return Optional.of(
          "Order " + orderId + " is at " + order.step() + ": its capture has begun.");
    }
    return Optional.empty();
  }

  /**
   * Stops the stages before capture and waits until their compensations ran. A second cancel while
   * the first one runs waits for the same outcome.
   */
  OrderView cancel(CancelOrderRequest cancel) {
    Optional<String> refusal = whyNotCancellable();
    if (refusal.isPresent()) {
      // The validator refused it already on this thread; this guards a caller that skipped it.
      throw UpdateRejections.rejection(UpdateRejections.ORDER_NOT_CANCELLABLE, refusal.get());
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

  /** Stops the stages before capture, for a rollback decided while the order is PENDING. */
  private void rollBackPending() {
    if (stepsBeforeCapture != null) {
      stepsBeforeCapture.cancel("Rolled back while PENDING");
    }
  }

  private SagaOutcome runUntilCancelled() {
    try {
      // The order exists in the read model as soon as the workflow does.
      recorder.record(recorder.view());
      return runStages(Stage::beforeCapture);
    } catch (ActivityFailure | CanceledFailure e) {
      return new SagaOutcome.RollBack(
          Rollback.of(
              recorder.state().step(),
              e,
              CancellationScope.current().isCancelRequested(),
              settings.stepRetryBudget()));
    }
  }

  /**
   * Runs the stages of one phase (before capture, or from capture on) in order: each call after the
   * one before succeeded, and each stage's end written as one change of the order.
   */
  private SagaOutcome runStages(Predicate<Stage> inPhase) {
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      if (!inPhase.test(stage)) {
        continue;
      }
      for (Stage.Round round : stage.rounds()) {
        Optional<Rollback> refused = run(stage, round);
        if (refused.isPresent()) {
          return new SagaOutcome.RollBack(refused.get());
        }
      }
      OrderView ended = recorder.transition(whenDone(i));
      if (stage.acceptsTheOrder()) {
        // Stock held and money authorized: the order is accepted, and the shop can be told so.
        decision = ended;
      }
    }
    return new SagaOutcome.Done();
  }

  /**
   * One round of calls: their undos registered first, then the calls made (at the same time when
   * there are several), each outcome applied as it ends; the first refusal in the table's order
   * decides the rollback, once every call of the round ended.
   */
  private Optional<Rollback> run(Stage stage, Stage.Round round) {
    round.calls().forEach(call -> call.undo().ifPresent(compensations::add));
    if (round.calls().size() == 1) {
      return attemptAndSettle(stage, round.calls().get(0));
    }
    List<Promise<Optional<Rollback>>> settled =
        round.calls().stream()
            .map(call -> Async.function(() -> attemptAndSettle(stage, call)))
            .toList();
    Optional<Rollback> first = Optional.empty();
    for (Promise<Optional<Rollback>> call : settled) {
      Optional<Rollback> refused = call.get();
      first = first.isPresent() ? first : refused;
    }
    return first;
  }

  private <T> Optional<Rollback> attemptAndSettle(Stage stage, SagaStep<T> call) {
    return call.settle(recovery.attempt(stage, call));
  }

  /** The change that ends stage {@code i}: on to the next stage, or completed after the last. */
  private Consumer<OrderState> whenDone(int i) {
    if (i + 1 == stages.size()) {
      return OrderState::complete;
    }
    OrderStep next = stages.get(i + 1).step();
    return s -> s.advanceTo(next);
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
    PurchaseUnwind unwind = new PurchaseUnwind(request, recorder);
    Compensations.Undone undone;
    if (PurchaseUnwind.coversEveryStep(failed)) {
      undone = unwind.everyStep();
    } else {
      undone = compensations.runInReverse();
      if (unwind.appliesTo(undone)) {
        undone = unwind.afterStepsFurther();
      }
    }
    String detail = endDetail(failed, undone, unwind.reversed());
    boolean shipmentCancelled = undone.succeeded(PurchaseSteps.CANCEL_SHIPMENT);
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

  /** The rollback's detail, with what was found gone further and what could not be undone. */
  private static String endDetail(
      Rollback failed, Compensations.Undone undone, List<String> reversed) {
    String detail = failed.detail();
    if (!reversed.isEmpty()) {
      detail +=
          " (it had gone further than its workflow knew: " + String.join(", ", reversed) + ")";
    }
    if (!undone.failed().isEmpty()) {
      detail += " (compensation failed: " + String.join(", ", undone.failed()) + ")";
    }
    return detail;
  }

  private Rollback cancelledByRequest() {
    String reason = cancelRequest.reason();
    String detail =
        reason == null || reason.isBlank()
            ? "Cancelled by request during " + recorder.state().step() + "."
            : reason;
    return new Rollback(OrderStatus.CANCELLED, OrderWorkflow.CANCELLED_BY_REQUEST, detail);
  }
}
