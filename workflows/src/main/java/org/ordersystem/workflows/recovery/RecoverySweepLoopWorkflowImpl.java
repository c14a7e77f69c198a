package org.ordersystem.workflows.recovery;

import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The sweep on a timer (see {@link RecoverySweepLoopWorkflow}): one sweep at once, the first right
 * away (orders left stuck while no worker ran are found at start), then one per interval. Each
 * sweep is a child with its own id and history, as a Schedule would start it.
 */
public class RecoverySweepLoopWorkflowImpl implements RecoverySweepLoopWorkflow {

  private static final Logger log = Workflow.getLogger(RecoverySweepLoopWorkflowImpl.class);

  /** Sweeps per run before continuing as new: keeps the history a few hundred events long. */
  static final int SWEEPS_PER_RUN = 50;

  @Override
  public void run(SweepRequest request) {
    for (int i = 0; i < SWEEPS_PER_RUN; i++) {
      String sweepId =
          RecoverySweepWorkflow.ID_PREFIX
              + "timer-"
              + Instant.ofEpochMilli(Workflow.currentTimeMillis());
      RecoverySweepWorkflow sweep =
          Workflow.newChildWorkflowStub(
              RecoverySweepWorkflow.class,
              ChildWorkflowOptions.newBuilder().setWorkflowId(sweepId).build());
      try {
        sweep.sweep(request);
      } catch (ChildWorkflowFailure e) {
        // The next sweep looks again; a sweep has nothing of its own to lose.
        log.error("Sweep {} failed", sweepId, e);
      }
      Workflow.sleep(request.settings().sweepInterval());
    }
    Workflow.continueAsNew(request);
  }
}
