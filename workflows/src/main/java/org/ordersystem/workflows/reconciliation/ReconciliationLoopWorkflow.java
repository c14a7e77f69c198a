package org.ordersystem.workflows.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Reconciliation on a timer, for servers without Schedules (the in-process server): runs a {@link
 * ReconciliationWorkflow} child every {@link ReconciliationSettings#interval()}, forever,
 * continuing as new now and then to keep its history short.
 */
@WorkflowInterface
public interface ReconciliationLoopWorkflow {

  /** One loop per namespace. */
  String WORKFLOW_ID = "reconciliation-loop";

  @WorkflowMethod
  void run(ReconciliationRequest request);
}
