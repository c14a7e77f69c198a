package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.PaymentActivities.LegStatus;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.SourceType;
import org.slf4j.Logger;

/**
 * The payment of one order: Try/Confirm/Cancel over its legs, one leg per funding source.
 *
 * <pre>
 *   phase    call         legs in the order            when a call fails for good
 *   Try      authorizeLeg BALANCE, POINTS, CARD        declined: cancel the legs tried (saga
 *                                                      compensations); budget out: PENDING
 *   Confirm  captureLeg   CARD, POINTS, BALANCE        card expired, nothing posted: roll back;
 *                                                      else no way back: PENDING, retry only
 *   Cancel   voidLeg      the reverse of the Tries     retried until done (idempotent, fenced)
 * </pre>
 *
 * <p>A part of the order workflow, not a child workflow. Try and Confirm are separated by the
 * shipping registration, and the Cancels must run in one reverse order with the stock and shipping
 * compensations. A child would have to stay open between the phases, be told by signal to confirm
 * or cancel (a second protocol whose messages must themselves be retried and deduplicated), and
 * report its leg states back for the acceptance snapshot and the read model, all for an order's
 * handful of legs, whose history stays small. It pays off once other flows (refunds) drive
 * payments.
 *
 * <p>This class gives the legs' rows of the purchase flow's table ({@link PurchaseSteps}): the saga
 * runs them, registers their Cancels and waits on PENDING legs like any other call.
 *
 * <p>Which legs run at the same time. BALANCE and POINTS are entries in our own ledger: cheap to
 * reserve and released at once, and two different accounts, so they are tried together, and
 * captured together. A CARD authorization is a hold at the customer's bank that can stay on their
 * statement for days after a void, so it is tried alone and last, once the other legs hold: a short
 * balance then costs the customer nothing on the card. And it is captured alone and first, since it
 * alone can still fail (an expired authorization) while nothing is posted. Histories recorded
 * before version 1 of {@link #PARALLEL_LEDGER_LEGS} run every leg alone, in the same order.
 */
final class PaymentTcc {

  private static final Logger log = Workflow.getLogger(PaymentTcc.class);

  /** The change id of trying and capturing BALANCE and POINTS together, in the history. */
  static final String PARALLEL_LEDGER_LEGS = "parallel-ledger-legs";

  private record Leg(String legId, PaymentSource source) {}

  private final String orderId;
  private final String customerId;
  private final List<Leg> legs = new ArrayList<>();
  private final OrderRecorder recorder;

  // Tries, look-ups and Confirms: local calls first, then within the step's retry budget, then
  // PENDING.
  private final LocalFirst<PaymentActivities> payment;
  // Cancels: a compensation has nothing to fall back on, so it is retried until done.
  private final PaymentActivities paymentUntilDone;

  /** Whether BALANCE and POINTS legs run together ({@link #PARALLEL_LEDGER_LEGS}). */
  private final boolean ledgerLegsTogether;

  /** Whether a Confirm succeeded: from then on an expired card can no longer roll back. */
  private boolean anyCaptured;

  /**
   * @param recorder applies changes to the order and writes them to the read model
   * @param payment the payment service for Tries, look-ups and Confirms, called as the saga's other
   *     steps are ({@link LocalFirst})
   */
  PaymentTcc(
      PlaceOrderRequest request, OrderRecorder recorder, LocalFirst<PaymentActivities> payment) {
    this.ledgerLegsTogether =
        Workflow.getVersion(PARALLEL_LEDGER_LEGS, Workflow.DEFAULT_VERSION, 1) >= 1;
    this.orderId = request.orderId();
    this.customerId = request.customerId();
    this.recorder = recorder;
    List<PaymentSource> sources = request.paymentSources();
    for (int i = 0; i < sources.size(); i++) {
      legs.add(new Leg(OrderState.legId(i), sources.get(i)));
    }
    this.payment = payment;
    paymentUntilDone = Workflow.newActivityStub(PaymentActivities.class, StepOptions.untilDone());
  }

  /**
   * Try: one row per leg, BALANCE, then POINTS, then CARD, each with its Cancel as the undo, since
   * a Try that timed out may still have happened. A leg that is refused (a business failure) is
   * marked failed and ends the order as {@code rollBackFor} says; the saga then cancels the legs
   * tried so far, last first. A leg whose budget ran out without the service holding it makes the
   * order PENDING.
   */
  List<Stage.Round> tries(Function<ActivityFailure, Rollback> rollBackFor) {
    List<SagaStep<?>> rows = new ArrayList<>();
    for (Leg leg : inTryOrder()) {
      String legId = leg.legId();
      rows.add(
          SagaStep.calling(() -> authorizeOrSettle(leg))
              .undoneBy("void leg " + legId, () -> cancel(legId))
              .refusedWhen(
                  StepRecovery::isBusinessOutcome,
                  failure -> {
                    recorder.transition(s -> s.legFailed(legId, Rollback.reasonOf(failure)));
                    return rollBackFor.apply(failure);
                  })
              .whenDone(
                  // Null only in histories written before authorizeLeg returned the leg.
                  status ->
                      recorder.changeLeg(
                          s ->
                              s.authorized(
                                  legId, status == null ? null : status.pspAuthorizationId()))));
    }
    return inRounds(rows, inTryOrder());
  }

  /**
   * One Try within the step's budget. When the budget runs out the outcome is unknown: the service
   * is asked where the leg stands, and only a leg it holds as AUTHORIZED counts as tried; else the
   * budget's failure is rethrown, and the order becomes PENDING with the leg as the service knows
   * it (UNKNOWN when it could not tell either). A retry then tries again under the same key.
   */
  private LegStatus authorizeOrSettle(Leg leg) {
    String legId = leg.legId();
    try {
      return payment.call(
          service ->
              service.authorizeLeg(
                  new AuthorizeLegInput(
                      IdempotencyKeys.authorizeLeg(orderId, legId),
                      orderId,
                      legId,
                      customerId,
                      leg.source())));
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested() || !Rollback.ranOutOfBudget(e)) {
        throw e;
      }
      LegStatus status = settle(legId);
      LegState settled = status.state();
      if (settled == LegState.AUTHORIZED) {
        return status;
      }
      recorder.transition(
          s -> {
            if (settled != LegState.NEW && s.legState(legId) != settled) {
              s.leg(legId, settled);
            }
            s.legFailed(legId, FailureType.STEP_TIMED_OUT.name());
          });
      throw e;
    }
  }

  /**
   * Learns where a leg whose Try ran out of retries stands by asking the service by order and leg,
   * never by trying again under another key: a second key could reserve the amount twice. When the
   * service cannot tell either, the leg is UNKNOWN, and voiding it settles it both ways: the void
   * releases a reservation, or leaves a barrier that refuses a Try still on its way.
   */
  private LegStatus settle(String legId) {
    try {
      LegStatus status =
          payment.call(
              service ->
                  service.getLegState(
                      new LegRef(IdempotencyKeys.authorizeLeg(orderId, legId), orderId, legId)));
      LegStatus settled = status == null ? new LegStatus(LegState.UNKNOWN, null) : status;
      log.warn(
          "Order {} leg {}: authorization ran out of retries; the service holds it as {}",
          orderId,
          legId,
          settled.state());
      return settled;
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      log.warn("Order {} leg {}: outcome unknown, the service did not answer", orderId, legId, e);
      return new LegStatus(LegState.UNKNOWN, null);
    }
  }

  /** Cancel: releases the leg, or leaves a barrier when it was never reserved. */
  private void cancel(String legId) {
    paymentUntilDone.voidLeg(new LegRef(IdempotencyKeys.voidLeg(orderId, legId), orderId, legId));
    recorder.transition(s -> s.leg(legId, LegState.VOIDED));
  }

  /**
   * Confirm: one row per leg, CARD, then POINTS, then BALANCE, each within the step's budget, since
   * a successful Try guarantees that a Confirm can succeed; when the budget runs out, or a capture
   * fails in a way nobody handled (a broken fence), the order becomes PENDING and only a retry can
   * help. The one exception is a card whose provider authorization expired, so CARD legs are
   * captured first, while nothing is posted yet: an expiry then rolls the whole order back (every
   * leg voided, the expired one too, since a void is idempotent; shipment cancelled; stock
   * released) and it ends REJECTED with AUTHORIZATION_EXPIRED. The card is not re-authorized,
   * because that needs the customer present. Once a leg is captured there is no rollback: only a
   * refund could undo what was posted.
   */
  List<Stage.Round> confirms() {
    List<SagaStep<?>> rows = new ArrayList<>();
    for (Leg leg : inCaptureOrder()) {
      String legId = leg.legId();
      rows.add(
          SagaStep.running(
                  () ->
                      payment.run(
                          service ->
                              service.captureLeg(
                                  new LegRef(
                                      IdempotencyKeys.captureLeg(orderId, legId), orderId, legId))))
              .refusedWhen(
                  failure -> !anyCaptured && isExpired(failure), failure -> expired(legId, failure))
              .whenDone(
                  done -> {
                    anyCaptured = true;
                    recorder.changeLeg(s -> s.captured(legId));
                  }));
    }
    return inRounds(rows, inCaptureOrder());
  }

  /**
   * The rows, one round each, except that neighbouring BALANCE and POINTS rows share a round from
   * version 1 on.
   *
   * @param legs the legs of the rows, in the same order
   */
  private List<Stage.Round> inRounds(List<SagaStep<?>> rows, List<Leg> legs) {
    List<Stage.Round> rounds = new ArrayList<>();
    List<SagaStep<?>> ledger = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      boolean inLedger = legs.get(i).source().type() != SourceType.CARD;
      if (ledgerLegsTogether && inLedger) {
        ledger.add(rows.get(i));
        continue;
      }
      if (!ledger.isEmpty()) {
        rounds.add(new Stage.Round(List.copyOf(ledger)));
        ledger.clear();
      }
      rounds.add(Stage.Round.of(rows.get(i)));
    }
    if (!ledger.isEmpty()) {
      rounds.add(new Stage.Round(List.copyOf(ledger)));
    }
    return rounds;
  }

  private Rollback expired(String legId, ActivityFailure failure) {
    String reason = Rollback.reasonOf(failure);
    recorder.transition(s -> s.legFailed(legId, reason));
    log.warn("Order {} leg {}: card authorization expired before capture", orderId, legId);
    Rollback expired = Rollback.of(OrderStep.CAPTURE_PAYMENT, failure, false, Duration.ZERO);
    return new Rollback(expired.status(), reason, "Leg " + legId + ": " + expired.detail());
  }

  private static boolean isExpired(ActivityFailure failure) {
    return FailureType.AUTHORIZATION_EXPIRED.name().equals(Rollback.reasonOf(failure));
  }

  /** BALANCE, then POINTS, then CARD; legs of one type in the order given. */
  private List<Leg> inTryOrder() {
    return legs.stream().sorted(Comparator.comparingInt(PaymentTcc::rank)).toList();
  }

  /** CARD, then POINTS, then BALANCE: the card, which alone can still fail, goes first. */
  private List<Leg> inCaptureOrder() {
    return legs.stream().sorted(Comparator.comparingInt(PaymentTcc::rank).reversed()).toList();
  }

  private static int rank(Leg leg) {
    SourceType type = leg.source().type();
    return switch (type) {
      case BALANCE -> 0;
      case POINTS -> 1;
      case CARD -> 2;
    };
  }
}
