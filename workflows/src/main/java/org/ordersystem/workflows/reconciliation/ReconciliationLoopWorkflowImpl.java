package org.ordersystem.workflows.reconciliation;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The timer loop of {@link ReconciliationLoopWorkflow}. A run that fails is logged and the loop
 * goes on: the next run starts over from the stored cursor and the stored mismatches.
 */
public class ReconciliationLoopWorkflowImpl implements ReconciliationLoopWorkflow {

  /** Runs per Continue-As-New: each leaves a handful of events in the loop's history. */
  static final int RUNS_PER_HISTORY = 100;

  private static final Logger log = Workflow.getLogger(ReconciliationLoopWorkflowImpl.class);

  @Override
  public void run(ReconciliationRequest request) {
    for (int i = 0; i < RUNS_PER_HISTORY; i++) {
      Workflow.sleep(request.settings().interval());
      String runId =
          ReconciliationWorkflow.ID_PREFIX
              + "timer-"
              + Instant.ofEpochMilli(Workflow.currentTimeMillis());
      ReconciliationWorkflow run =
          Workflow.newChildWorkflowStub(
              ReconciliationWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(runId)
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  .build());
      try {
        run.run(new ReconciliationRequest("timer", request.settings()));
      } catch (ChildWorkflowFailure e) {
        log.warn("Reconciliation run {} failed; the next one starts over", runId, e);
      }
    }
    Workflow.continueAsNew(request);
  }
}
