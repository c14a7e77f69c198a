package org.ordersystem.bench.ceiling;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * (b) The Temporal ceiling: the order workflow's shape with every step doing nothing. It runs the
 * same number of activities (reserve, one Try per leg, register shipping, one Confirm per leg,
 * commit) and of read-model local activities (one per transition) with the same options, is started
 * the same way (Update-with-Start, answered once payment is authorized), on the same server with
 * the same worker settings. What it costs is what Temporal costs for an order.
 */
@WorkflowInterface
public interface CeilingWorkflow {

  String TASK_QUEUE = "bench-ceiling";

  /**
   * Runs the steps; returns the order id once "completed".
   *
   * @param legs how many payment legs, as in an order paid from that many sources
   */
  @WorkflowMethod
  String run(String orderId, int legs);

  /** Answers once the steps before shipping are done, like the order's acceptance update. */
  @UpdateMethod
  String awaitAcceptance();
}
