package org.ordersystem.workflows.recovery;

import java.time.Duration;
import java.time.Instant;
import org.ordersystem.workflows.FailureType;
import org.ordersystem.workflows.model.PendingInfo;

/**
 * What the recovery sweep does with a PENDING order, by its reason:
 *
 * <ul>
 *   <li>a transient cause (the step's budget ran out: STEP_TIMED_OUT) is retried, each time after a
 *       longer backoff, up to {@link RecoverySettings#maxRetries()} retries; then it is rolled back
 *       when it still can be, and reported when its capture has begun;
 *   <li>a cause retrying cannot change (a failure the step did not handle) is rolled back before
 *       capture, and reported after: captured money only goes back through a refund;
 *   <li>an order placed longer ago than {@link RecoverySettings#maxPendingAge()} is rolled back
 *       when it still can be: its customer no longer waits for it.
 * </ul>
 *
 * <p>A stale CREATING order is never acted on: it has no decision to take, only a workflow that is
 * stuck or gone, so it is reported with its workflow's liveness.
 */
public final class RecoveryPolicy {

  /** A decision and why, for the summary and the order's detail. */
  public record Verdict(SweepDecision decision, String why) {}

  private RecoveryPolicy() {}

  public static Verdict decide(SweepCandidate candidate, Instant now, RecoverySettings settings) {
    PendingInfo pending = candidate.pending();
    if (pending == null) {
      return new Verdict(SweepDecision.REPORT, "PENDING, but the read model has no reason.");
    }
    boolean canRollBack = pending.rollbackAllowed();
    if (!isTransient(pending.reason())) {
      return canRollBack
          ? new Verdict(
              SweepDecision.ROLLBACK,
              pending.reason()
                  + " at "
                  + pending.step()
                  + " is not transient: a retry cannot help.")
          : new Verdict(
              SweepDecision.REPORT,
              pending.reason()
                  + " at "
                  + pending.step()
                  + " after capture began: needs a person (fix the cause, then retry).");
    }
    Duration age = Duration.between(candidate.createdAt(), now);
    if (canRollBack && age.compareTo(settings.maxPendingAge()) > 0) {
      return new Verdict(
          SweepDecision.ROLLBACK,
          "Placed " + age + " ago, longer than " + settings.maxPendingAge() + ".");
    }
    int retriesDone = pending.attempts() - 1;
    if (retriesDone >= settings.maxRetries()) {
      String gaveUp = retriesDone + " retries of " + pending.step() + " did not help";
      return canRollBack
          ? new Verdict(SweepDecision.ROLLBACK, gaveUp + ".")
          : new Verdict(SweepDecision.REPORT, gaveUp + ", and its capture has begun.");
    }
    Instant due = pending.since().plus(backoff(retriesDone, settings));
    if (now.isBefore(due)) {
      return new Verdict(
          SweepDecision.WAIT, "Next retry of " + pending.step() + " at " + due + ".");
    }
    return new Verdict(
        SweepDecision.RETRY,
        "Retry "
            + (retriesDone + 1)
            + " of "
            + settings.maxRetries()
            + ": "
            + pending.step()
            + " ran out of its budget.");
  }

  /** A stale CREATING order: reported, never acted on. */
  public static Verdict decideStale(
      SweepCandidate candidate, WorkflowLiveness liveness, Instant now) {
    Duration quiet = Duration.between(candidate.updatedAt(), now);
    String workflow =
        switch (liveness) {
          case RUNNING -> "its workflow is running (stuck in a step, or no worker polls)";
          case CLOSED ->
              "its workflow closed without a final status (terminated, failed or timed out) and"
                  + " still holds what it reserved: reset it to its last workflow task (Temporal"
                  + " UI, or temporal workflow reset --type LastWorkflowTask) and it resumes where"
                  + " it stopped";
          case NOT_FOUND -> "its workflow is unknown to the server (lost, or never started)";
        };
    return new Verdict(
        SweepDecision.REPORT,
        "CREATING at " + candidate.step() + " with no change for " + quiet + "; " + workflow + ".");
  }

  /** Whether a pending reason may go away by itself: only a budget that ran out. */
  static boolean isTransient(String reason) {
    return FailureType.STEP_TIMED_OUT.name().equals(reason);
  }

  /** {@code retryBackoff} doubled per retry done, capped at {@code maxRetryBackoff}. */
  static Duration backoff(int retriesDone, RecoverySettings settings) {
    Duration backoff = settings.retryBackoff();
    for (int i = 0; i < retriesDone && backoff.compareTo(settings.maxRetryBackoff()) < 0; i++) {
      backoff = backoff.multipliedBy(2);
    }
    return backoff.compareTo(settings.maxRetryBackoff()) > 0 ? settings.maxRetryBackoff() : backoff;
  }
}
