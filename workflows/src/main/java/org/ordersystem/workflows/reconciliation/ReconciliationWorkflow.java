package org.ordersystem.workflows.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One reconciliation run: ingests the provider's events, compares them with our card legs over a
 * window, stores the mismatches, resolves the safe ones (see {@link ResolutionPolicy}), tells
 * PENDING orders the provider's truth, compares again to close what now agrees, and reports the
 * rest to the webhook. Started by a Temporal Schedule, by {@link ReconciliationLoopWorkflow} on the
 * in-process server, or by an operator (ops API).
 */
@WorkflowInterface
public interface ReconciliationWorkflow {

  /** Prefix of every run's workflow id; the schedule's id is {@code reconciliation}. */
  String ID_PREFIX = "reconciliation-";

  @WorkflowMethod
  ReconciliationSummary run(ReconciliationRequest request);
}
