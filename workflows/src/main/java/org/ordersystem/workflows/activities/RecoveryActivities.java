package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.ordersystem.workflows.recovery.WorkflowLiveness;

/** What the recovery sweep needs from the read model and from Temporal. */
@ActivityInterface
public interface RecoveryActivities {

  /** PENDING orders and stale CREATING ones from the read model, oldest update first. */
  List<SweepCandidate> findCandidates(CandidateQuery query);

  /**
   * Sends the {@code retryPending} or {@code rollbackPending} update to the order's workflow and
   * waits, heartbeating, until it settles. A refusal (the order is no longer PENDING, or its
   * capture began) is an outcome, not a failure.
   */
  RecoveryOutcome recover(RecoveryCommand command);

  /** Where the workflow of a stale CREATING order stands. */
  WorkflowLiveness inspect(String orderId);

  /** Stores the sweep's summary (idempotent by sweep id). */
  void recordSweep(SweepSummary summary);
}
