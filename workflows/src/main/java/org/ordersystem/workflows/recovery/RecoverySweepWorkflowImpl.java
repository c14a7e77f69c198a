package org.ordersystem.workflows.recovery;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.workflows.StepOptions;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.recovery.RecoveryPolicy.Verdict;
import org.slf4j.Logger;

/**
 * One sweep (see {@link RecoverySweepWorkflow}). Decisions are taken on the sweep's own clock from
 * what the read model says, then sent to each order as a {@code retryPending} or {@code
 * rollbackPending} update: the order checks it again on its own thread, so a sweep racing an
 * operator, or a second sweep, finds the decision taken and is refused instead of acting twice.
 *
 * <p>At most {@link RecoverySettings#maxConcurrentRecoveries()} recoveries run at once, and each
 * lasts until its order settled, so a service that just came back sees K orders retried at a time,
 * not the whole backlog.
 */
public class RecoverySweepWorkflowImpl implements RecoverySweepWorkflow {

  private static final Logger log = Workflow.getLogger(RecoverySweepWorkflowImpl.class);

  /** Who the sweep's decisions are from, in each order's detail. */
  public static final String REQUESTED_BY = "recovery-sweep";

  /** A recovery waits until its order settled: a retried step may use its whole budget. */
  static final Duration RECOVERY_START_TO_CLOSE = Duration.ofHours(2);

  /** The recover activity heartbeats while it waits; a dead worker is noticed this fast. */
  static final Duration RECOVERY_HEARTBEAT = Duration.ofSeconds(30);

  private final RecoveryActivities lookups =
      Workflow.newActivityStub(
          RecoveryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setScheduleToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(StepOptions.transientRetries())
              .build());

  private final RecoveryActivities recoveries =
      Workflow.newActivityStub(
          RecoveryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(RECOVERY_START_TO_CLOSE)
              .setHeartbeatTimeout(RECOVERY_HEARTBEAT)
              .setRetryOptions(StepOptions.transientRetries())
              .build());

  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, StepOptions.notification());

  private int inFlight;
  private int peakInFlight;

  @Override
  public SweepSummary sweep(SweepRequest request) {
    RecoverySettings settings = request.settings();
    String sweepId = Workflow.getInfo().getWorkflowId();
    Instant startedAt = now();
    List<SweepCandidate> candidates =
        lookups.findCandidates(
            new CandidateQuery(
                startedAt.minus(settings.creatingStaleAfter()), settings.batchSize()));
    List<Promise<SweepItem>> items = new ArrayList<>();
    for (SweepCandidate candidate : candidates) {
      Verdict verdict =
          candidate.status() == OrderStatus.PENDING
              ? RecoveryPolicy.decide(candidate, startedAt, settings)
              : RecoveryPolicy.decideStale(
                  candidate, lookups.inspect(candidate.orderId()), startedAt);
      items.add(
          switch (verdict.decision()) {
            case RETRY, ROLLBACK -> recover(candidate, verdict, settings.maxConcurrentRecoveries());
            case WAIT, REPORT -> Workflow.newPromise(item(candidate, verdict, null, null));
          });
    }
    List<SweepItem> done = items.stream().map(Promise::get).toList();
    SweepSummary summary = summarize(sweepId, request.trigger(), startedAt, done);
    lookups.recordSweep(summary);
    report(summary);
    log.info(
        "Sweep {}: {} examined, {} retried ({} completed), {} rolled back, {} waiting, {} reported",
        sweepId,
        summary.examined(),
        summary.retried(),
        summary.completed(),
        summary.rolledBack(),
        summary.waiting(),
        summary.reported());
    return summary;
  }

  /** Starts one recovery once fewer than {@code k} run; its promise completes when it settled. */
  private Promise<SweepItem> recover(SweepCandidate candidate, Verdict verdict, int k) {
    Workflow.await(() -> inFlight < k);
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    RecoveryCommand command =
        new RecoveryCommand(
            candidate.orderId(),
            verdict.decision(),
            new RecoveryRequest(REQUESTED_BY, verdict.why()));
    return Async.function(recoveries::recover, command)
        .handle(
            (outcome, failure) -> {
              inFlight--;
              if (failure != null) {
                log.error("Recovery of order {} failed", candidate.orderId(), failure);
                return item(
                    candidate,
                    new Verdict(SweepDecision.REPORT, verdict.why()),
                    null,
                    "RECOVERY_FAILED: " + messageOf(failure));
              }
              return item(candidate, verdict, outcome.status(), outcome.refusal());
            });
  }

  private static SweepItem item(
      SweepCandidate candidate, Verdict verdict, OrderStatus outcome, String refusal) {
    String reason =
        candidate.pending() == null ? candidate.status().name() : candidate.pending().reason();
    return new SweepItem(
        candidate.orderId(),
        candidate.status(),
        candidate.step(),
        reason,
        verdict.decision(),
        verdict.why(),
        outcome,
        refusal);
  }

  private SweepSummary summarize(
      String sweepId, String trigger, Instant startedAt, List<SweepItem> items) {
    return new SweepSummary(
        sweepId,
        trigger,
        startedAt,
        now(),
        items.size(),
        count(items, SweepDecision.RETRY, null),
        count(items, SweepDecision.RETRY, OrderStatus.COMPLETED),
        count(items, SweepDecision.ROLLBACK, OrderStatus.CANCELLED),
        count(items, SweepDecision.WAIT, null),
        count(items, SweepDecision.REPORT, null),
        peakInFlight,
        items);
  }

  private static int count(List<SweepItem> items, SweepDecision decision, OrderStatus outcome) {
    return (int)
        items.stream()
            .filter(item -> item.decision() == decision)
            .filter(item -> outcome == null || item.outcome() == outcome)
            .count();
  }

  /** Tells the webhook about every order the sweep could not resolve, then the summary. */
  private void report(SweepSummary summary) {
    List<Promise<Void>> sent = new ArrayList<>();
    for (SweepItem item : summary.items()) {
      if (item.decision() == SweepDecision.REPORT) {
        sent.add(
            Async.procedure(
                notifications::send,
                new Notification(
                    "sweep:" + summary.sweepId() + ":" + item.orderId(),
                    NotificationType.ORDER_UNRESOLVED,
                    summary.finishedAt(),
                    item.orderId(),
                    null,
                    null,
                    null,
                    item.refusal() == null ? item.why() : item.why() + " " + item.refusal())));
      }
    }
    sent.add(
        Async.procedure(
            notifications::send,
            new Notification(
                "sweep:" + summary.sweepId(),
                NotificationType.SWEEP_SUMMARY,
                summary.finishedAt(),
                null,
                null,
                null,
                summary,
                summary.examined() + " examined, " + summary.reported() + " reported")));
    for (Promise<Void> notification : sent) {
      try {
        notification.get();
      } catch (ActivityFailure e) {
        log.error("A sweep notification was not delivered", e);
      }
    }
  }

  private static String messageOf(RuntimeException failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    return cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
