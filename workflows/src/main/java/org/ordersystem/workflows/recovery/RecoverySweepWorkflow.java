package org.ordersystem.workflows.recovery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One recovery sweep: finds PENDING and stale CREATING orders in the read model, decides for each
 * (see {@code RecoveryPolicy}), retries or rolls back at most K at once, records a summary and
 * reports what it could not resolve. Started by a Temporal Schedule on a real server, by {@link
 * RecoverySweepLoopWorkflow} on the in-process server, or by an operator (ops API).
 */
@WorkflowInterface
public interface RecoverySweepWorkflow {

  /** Prefix of every sweep's workflow id; the schedule's id is this without the dash. */
  String ID_PREFIX = "recovery-sweep-";

  @WorkflowMethod
  SweepSummary sweep(SweepRequest request);
}
