package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.recovery.Notification;
import org.ordersystem.workflows.recovery.NotificationType;
import org.slf4j.Logger;

/**
 * Runs the purchase flow's steps so that none fails in silence. A step whose retry budget runs out,
 * or that fails in a way nobody handled (a failure type that is not a business outcome), makes the
 * order PENDING with its step, reason, since and attempts, tells the webhook, and waits durably for
 * a decision:
 *
 * <ul>
 *   <li>{@code retry}: the step runs again with a fresh budget, under the same idempotency key, so
 *       a call that did happen at the service is answered from its first result;
 *   <li>{@code rollback}: only before capture; the saga cancels the steps before capture, which
 *       ends the order CANCELLED through the usual compensations.
 * </ul>
 *
 * <p>Decisions arrive as signals (Temporal UI) or updates (ops API, recovery sweep). Each is
 * checked and applied in one step on the workflow thread, and the first one wins: while it is being
 * applied the order refuses the next, so a rollback racing a retry, or a signal sent twice, changes
 * nothing.
 */
final class StepRecovery {

  private static final Logger log = Workflow.getLogger(StepRecovery.class);

  private enum Decision {
    NONE,
    RETRY,
    ROLLBACK
  }

  private final OrderRecorder recorder;
  private final Runnable rollBackBeforeCapture;
  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, StepOptions.notification());
  private final List<Promise<Void>> notificationsSent = new ArrayList<>();

  private Decision decision = Decision.NONE;
  private RecoveryRequest decidedBy;

  /** How many times the order became PENDING; a retry settles when this grows or it ends. */
  private int timesPending;

  /**
   * Whether a call waits PENDING for a decision. Calls made at the same time (a round of payment
   * legs) share it: a second call that cannot go on waits for the same decision, and runs again
   * with a fresh budget after a retry, instead of making the order PENDING a second time.
   */
  private boolean callPending;

  /**
   * @param rollBackBeforeCapture stops the steps before capture, so the saga compensates them
   */
  StepRecovery(OrderRecorder recorder, Runnable rollBackBeforeCapture) {
    this.recorder = recorder;
    this.rollBackBeforeCapture = rollBackBeforeCapture;
  }

  /**
   * Runs one call of {@code stage} until it succeeds or is refused, waiting for a decision each
   * time it fails for a reason only a person or the recovery sweep can judge. A cancel, or a
   * rollback decided meanwhile, ends it with the cancellation of the scope it runs in.
   */
  <T> StepOutcome<T> attempt(Stage stage, SagaStep<T> step) {
    for (int attempts = 1; ; attempts++) {
      try {
        return new StepOutcome.Done<>(step.call().get());
      } catch (ActivityFailure e) {
        if (CancellationScope.current().isCancelRequested()) {
          throw e;
        }
        if (step.isRefusal().test(e)) {
          return new StepOutcome.Refused<>(e);
        }
        if (callPending) {
          Workflow.await(() -> !callPending);
          continue;
        }
        awaitRetry(
            new PendingInfo(
                stage.step(),
                Rollback.reasonOf(e),
                Rollback.messageOf(e),
                OrderRecorder.now(),
                attempts,
                stage.beforeCapture()));
      }
    }
  }

  /** Whether a failure before capture is a business answer rather than a reason to wait. */
  static boolean isBusinessOutcome(ActivityFailure failure) {
    return !Rollback.ranOutOfBudget(failure) && FailureType.isBusiness(Rollback.reasonOf(failure));
  }

  private void awaitRetry(PendingInfo pending) {
    callPending = true;
    timesPending++;
    decision = Decision.NONE;
    decidedBy = null;
    OrderView pended = recorder.transition(s -> s.pend(pending));
    log.warn(
        "Order {} PENDING at {} after {} budget(s): {} {}",
        pended.orderId(),
        pending.step(),
        pending.attempts(),
        pending.reason(),
        pending.message());
    notify(pended.orderId(), pended.shopId(), pending);
    // A rollback cancels the scope this waits in, which ends the wait with a CanceledFailure.
    Workflow.await(() -> decision == Decision.RETRY);
    callPending = false;
    RecoveryRequest by = decidedBy;
    recorder.transition(OrderState::resume);
    log.info("Order {} retries {} (requested by {})", pended.orderId(), pending.step(), who(by));
  }

  /** Why a retry is refused now; empty when it is accepted. */
  Optional<Refusal> retryRefusal() {
    return notPending();
  }

  /** Why a rollback is refused now; empty when it is accepted. */
  Optional<Refusal> rollbackRefusal() {
    Optional<Refusal> notPending = notPending();
    if (notPending.isPresent()) {
      return notPending;
    }
    PendingInfo pending = recorder.view().pending();
    if (pending.rollbackAllowed()) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            UpdateRejections.ROLLBACK_NOT_ALLOWED,
            "Order "
                + recorder.view().orderId()
                + " is PENDING at "
                + pending.step()
                + ": its capture has begun, money was posted, and a rollback cannot take it back."
                + " Retry it, then refund it if the customer should not pay."));
  }

  private Optional<Refusal> notPending() {
    OrderState order = recorder.state();
    String orderId = recorder.view().orderId();
    if (order.status() != OrderStatus.PENDING) {
      return Optional.of(
          new Refusal(
              UpdateRejections.ORDER_NOT_PENDING,
              "Order " + orderId + " is " + order.status() + ", not PENDING."));
    }
    if (decision != Decision.NONE) {
      return Optional.of(
          new Refusal(
              UpdateRejections.ORDER_NOT_PENDING,
              "Order "
                  + orderId
                  + " is being handled already: "
                  + decision.name().toLowerCase(Locale.ROOT)
                  + " requested by "
                  + who(decidedBy)
                  + "."));
    }
    return Optional.empty();
  }

  /**
   * Applies an accepted retry (check {@link #retryRefusal} first, in the same workflow step).
   *
   * @return the number the order's PENDING count must exceed for the retry to have settled
   */
  int retry(RecoveryRequest request) {
    decision = Decision.RETRY;
    decidedBy = request;
    return timesPending;
  }

  /**
   * Applies an accepted rollback (check {@link #rollbackRefusal} first, in the same workflow step).
   */
  void rollback(RecoveryRequest request) {
    decision = Decision.ROLLBACK;
    decidedBy = request;
    rollBackBeforeCapture.run();
  }

  /** Waits until a retry settled: the order is final, or PENDING again. */
  OrderView awaitRetrySettled(int timesPendingBefore) {
    Workflow.await(() -> recorder.state().status().isFinal() || timesPending > timesPendingBefore);
    return recorder.view();
  }

  /** Waits until the order is final (a rollback ends CANCELLED). */
  OrderView awaitFinal() {
    Workflow.await(() -> recorder.state().status().isFinal());
    return recorder.view();
  }

  /** Whether the order is being rolled back by a decision. */
  boolean rollbackDecided() {
    return decision == Decision.ROLLBACK;
  }

  /** The rolled-back order's reason detail: who decided, and their note. */
  String rollbackDetail() {
    String note = decidedBy == null ? null : decidedBy.note();
    return "Rolled back by "
        + who(decidedBy)
        + (note == null || note.isBlank() ? "." : ": " + note);
  }

  private void notify(String orderId, String shopId, PendingInfo pending) {
    Notification notification =
        new Notification(
            "order-pending:" + orderId + ":" + pending.step() + ":" + timesPending,
            NotificationType.ORDER_PENDING,
            pending.since(),
            orderId,
            shopId,
            pending,
            null,
            "Order " + orderId + " is PENDING at " + pending.step() + ": " + pending.reason());
    notificationsSent.add(Async.procedure(notifications::send, notification));
  }

  /**
   * Waits until every notification was delivered or given up, so a run does not close under an
   * activity it started; a webhook that stays down is logged, never a reason to fail the order.
   */
  void awaitNotifications() {
    for (Promise<Void> sent : notificationsSent) {
      try {
        sent.get();
      } catch (ActivityFailure e) {
        log.error("A notification was not delivered", e);
      }
    }
  }

  private static String who(RecoveryRequest request) {
    return request == null || request.requestedBy() == null || request.requestedBy().isBlank()
        ? "an operator"
        : request.requestedBy();
  }
}
