package org.ordersystem.api.recovery;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflow;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.ordersystem.workflows.recovery.SweepSummary;

/**
 * A stand-in for the recovery sweep, for the API's Temporal calls against the test server: it
 * "retries" one PENDING order and reports its settings' concurrency as its peak. A sweep whose
 * trigger ends with ":slow" runs until it is sent the signal {@value #FINISH}; one whose trigger
 * ends with ":fail" fails.
 */
public class StandInRecoverySweepWorkflow implements RecoverySweepWorkflow {

  /** The signal that lets a slow sweep finish. */
  static final String FINISH = "finish";

  private boolean finishing;

  @Override
  public SweepSummary sweep(SweepRequest request) {
    Instant startedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    if (request.trigger().endsWith(":slow")) {
      Workflow.registerListener(
          (DynamicSignalHandler) (name, args) -> finishing |= name.equals(FINISH));
      Workflow.await(() -> finishing);
    }
    if (request.trigger().endsWith(":fail")) {
      throw ApplicationFailure.newNonRetryableFailure("the read model is down", "INTERNAL");
    }
    SweepItem retried =
        new SweepItem(
            "o-7",
            OrderStatus.PENDING,
            OrderStep.REGISTER_SHIPPING,
            "STEP_TIMED_OUT",
            SweepDecision.RETRY,
            "backoff over (attempt 1 of 5)",
            OrderStatus.COMPLETED,
            null);
    return new SweepSummary(
        Workflow.getInfo().getWorkflowId(),
        request.trigger(),
        startedAt,
        Instant.ofEpochMilli(Workflow.currentTimeMillis()),
        1,
        1,
        1,
        0,
        0,
        0,
        request.settings().maxConcurrentRecoveries(),
        List.of(retried));
  }
}
