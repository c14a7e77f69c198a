package org.ordersystem.workflows.recovery;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The recovery sweep on a timer, for servers without Schedules (the in-process server): runs a
 * {@link RecoverySweepWorkflow} child every {@link RecoverySettings#sweepInterval()}, forever,
 * continuing as new now and then to keep its history short.
 */
@WorkflowInterface
public interface RecoverySweepLoopWorkflow {

  /** One loop per namespace. */
  String WORKFLOW_ID = "recovery-sweep-loop";

  @WorkflowMethod
  void run(SweepRequest request);
}
