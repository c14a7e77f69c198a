package org.ordersystem.workflows.reconciliation;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.recovery.Notification;
import org.ordersystem.workflows.recovery.NotificationType;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.slf4j.Logger;

/**
 * One run, in the order of {@link ReconciliationWorkflow}. Decisions are taken here, from records
 * the activities read; every change of money is an activity with a key of its own, so a rerun of
 * the workflow or a second run at the same time repeats nothing.
 */
public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

  /** Who reconciliation says it is, on orders it tells and mismatches it closes. */
  public static final String ACTOR = "reconciliation";

  private static final Logger log = Workflow.getLogger(ReconciliationWorkflowImpl.class);

  private final ReconciliationActivities books =
      Workflow.newActivityStub(ReconciliationActivities.class, ReconciliationOptions.bookkeeping());
  private final ReconciliationActivities corrections =
      Workflow.newActivityStub(ReconciliationActivities.class, ReconciliationOptions.corrections());
  private final ReconciliationActivities orders =
      Workflow.newActivityStub(
          ReconciliationActivities.class, ReconciliationOptions.orderUpdates());
  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, ReconciliationOptions.notifications());

  private final List<ReconciliationItem> items = new ArrayList<>();
  private int ordersTold;

  @Override
  public ReconciliationSummary run(ReconciliationRequest request) {
    ReconciliationSettings settings = request.settings();
    String runId = Workflow.getInfo().getWorkflowId();
    Instant startedAt = now();
    Instant since = startedAt.minus(settings.window());

    IngestResult events = books.ingestProviderEvents(settings.maxEventPages());
    CompareResult first =
        books.compare(new CompareRequest(runId, since, startedAt, settings.grace()));

    int budget = settings.maxActions();
    Set<String> ordersSeen = new HashSet<>();
    Map<Long, Resolution> decided = new HashMap<>();
    boolean acted = false;
    for (Mismatch m : first.open()) {
      if (budget-- == 0) {
        break;
      }
      ordersSeen.add(m.paymentId());
      OrderFacts order = books.inspectOrder(m.paymentId());
      Resolution resolution = ResolutionPolicy.forMismatch(m, order, events.caughtUp());
      decided.put(m.id(), resolution);
      acted |=
          resolve(m.id(), m.reference(), m.mismatchClass(), m.provider(), m.internal(), resolution);
    }
    for (PendingPayment p : books.findPendingPayments(Math.max(budget, 0))) {
      if (!ordersSeen.add(p.orderId())) {
        continue;
      }
      Resolution resolution =
          ResolutionPolicy.forPending(p.step(), p.provider(), p.internal(), events.caughtUp());
      acted |= resolve(0, p.reference(), null, p.provider(), p.internal(), resolution);
    }

    int autoResolved = first.autoResolved();
    List<Mismatch> open = first.open();
    if (acted) {
      // The provider's events of our corrections reach its feed after its lag.
      Workflow.sleep(ReconciliationOptions.FEED_LAG);
      events = events.plus(books.ingestProviderEvents(settings.maxEventPages()));
      CompareResult second =
          books.compare(new CompareRequest(runId, since, now(), settings.grace()));
      autoResolved += second.autoResolved();
      open = second.open();
    }
    for (Mismatch m : open) {
      Resolution resolution = decided.get(m.id());
      boolean waiting = resolution != null && resolution.action() == ResolutionAction.WAIT;
      if (m.notifiedAt() == null && !waiting) {
        notifyPeople(m, resolution);
      }
    }
    ReconciliationSummary summary =
        new ReconciliationSummary(
            runId,
            request.trigger(),
            startedAt,
            now(),
            events,
            first.compared(),
            first.classes(),
            autoResolved,
            ordersTold,
            open.size(),
            List.copyOf(items));
    books.recordRun(summary);
    log.info(
        "Reconciliation {}: {} compared, classes {}, {} auto-resolved, {} orders told, {} open",
        runId,
        summary.compared(),
        summary.classes(),
        autoResolved,
        ordersTold,
        open.size());
    return summary;
  }

  /**
   * Carries out one decision and records it on the mismatch; a correction that fails for good is
   * recorded too, and the mismatch stays OPEN for people and the next run.
   *
   * @return whether money or an order was touched
   */
  private boolean resolve(
      long mismatchId,
      String reference,
      MismatchClass mismatchClass,
      ProviderRecord provider,
      InternalRecord internal,
      Resolution resolution) {
    String[] ids = Mismatch.split(reference);
    String paymentId = ids[0];
    String legId = ids[1];
    String outcome;
    try {
      outcome = carryOut(mismatchId, paymentId, legId, provider, internal, resolution);
    } catch (ActivityFailure e) {
      outcome = "failed: " + messageOf(e);
      log.warn("Reconciliation of {}: {} {}", reference, resolution.action(), outcome);
    }
    items.add(
        new ReconciliationItem(
            mismatchId, reference, mismatchClass, resolution.action(), resolution.why(), outcome));
    boolean acted =
        resolution.action() != ResolutionAction.WAIT
            && resolution.action() != ResolutionAction.REPORT;
    if (mismatchId != 0 && resolution.action() != ResolutionAction.WAIT) {
      books.noteAction(
          mismatchId, resolution.action() + ": " + resolution.why() + " -> " + outcome);
    }
    return acted;
  }

  private String carryOut(
      long mismatchId,
      String paymentId,
      String legId,
      ProviderRecord provider,
      InternalRecord internal,
      Resolution resolution) {
    String reference = paymentId + ":" + legId;
    String authorizationId = provider == null ? null : provider.authorizationId();
    long charged = provider == null ? 0 : provider.charged();
    long captured = provider == null ? 0 : provider.captured();
    switch (resolution.action()) {
      case VOID_LEG ->
          corrections.voidLeg(
              new LegCorrection(
                  CorrectionKeys.of("void", reference), paymentId, legId, authorizationId, 0));
      case VOID_AT_PROVIDER ->
          corrections.voidAtProvider(
              new LegCorrection(
                  CorrectionKeys.of("void-at-provider", reference),
                  paymentId,
                  legId,
                  authorizationId,
                  0));
      case REFUND_AT_PROVIDER ->
          corrections.refundAtProvider(
              new LegCorrection(
                  CorrectionKeys.of("refund-at-provider", Long.toString(mismatchId)),
                  paymentId,
                  legId,
                  authorizationId,
                  charged));
      case RECORD_CAPTURE_THEN_REFUND -> {
        corrections.recordProviderCapture(captureOf(reference, paymentId, legId, provider));
        corrections.refundLeg(
            new LegCorrection(
                CorrectionKeys.of("refund", Long.toString(mismatchId)),
                paymentId,
                legId,
                authorizationId,
                captured));
      }
      case RECORD_CAPTURE_THEN_RETRY -> {
        corrections.recordProviderCapture(captureOf(reference, paymentId, legId, provider));
        return tell(paymentId, SweepDecision.RETRY, resolution);
      }
      case RETRY_ORDER -> {
        return tell(paymentId, SweepDecision.RETRY, resolution);
      }
      case ROLLBACK_ORDER -> {
        return tell(paymentId, SweepDecision.ROLLBACK, resolution);
      }
      case WAIT, REPORT -> {
        return "none";
      }
    }
    return "done";
  }

  private static LegCorrection captureOf(
      String reference, String paymentId, String legId, ProviderRecord provider) {
    return new LegCorrection(
        CorrectionKeys.of("record-capture", reference),
        paymentId,
        legId,
        provider.authorizationId(),
        provider.captured());
  }

  private String tell(String orderId, SweepDecision decision, Resolution resolution) {
    ordersTold++;
    RecoveryOutcome outcome =
        orders.tellOrder(
            new RecoveryCommand(orderId, decision, new RecoveryRequest(ACTOR, resolution.why())));
    if (outcome.refusal() != null) {
      return "refused: " + outcome.refusal();
    }
    return "order " + outcome.status();
  }

  private void notifyPeople(Mismatch m, Resolution resolution) {
    String decision =
        resolution == null
            ? (m.action() == null ? "" : "; " + m.action())
            : "; " + resolution.action() + ": " + resolution.why();
    try {
      notifications.send(
          new Notification(
              "reconciliation-mismatch-" + m.id(),
              NotificationType.RECONCILIATION_MISMATCH,
              m.detectedAt(),
              m.paymentId(),
              null,
              null,
              null,
              m.describe() + decision));
      books.markNotified(m.id());
    } catch (ActivityFailure e) {
      log.warn("Mismatch {} not notified; the next run tries again", m.id(), e);
    }
  }

  private static String messageOf(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getType() + ": " + app.getOriginalMessage();
    }
    return String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
