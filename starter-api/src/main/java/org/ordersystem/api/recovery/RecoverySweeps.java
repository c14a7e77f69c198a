package org.ordersystem.api.recovery;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflow;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.springframework.stereotype.Component;

/**
 * Starts recovery sweeps and reads them back from their workflows: a sweep's summary is its
 * workflow's result, so it is readable for as long as Temporal keeps the closed workflow.
 */
@Component
public class RecoverySweeps {

  /** The type of a sweep's workflow, checked because another workflow may share the id prefix. */
  static final String SWEEP_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(RecoverySweepWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  /**
   * What may follow the prefix in a sweep id: a UUID for sweeps started here, a timestamp (with
   * colons) for scheduled ones.
   */
  private static final Pattern SWEEP_ID =
      Pattern.compile(Pattern.quote(RecoverySweepWorkflow.ID_PREFIX) + "[A-Za-z0-9._:-]{1,200}");

  private static final String RETRY = "retry later.";

  private final WorkflowClient client;
  private final TemporalCalls calls;

  public RecoverySweeps(WorkflowClient client, TemporalCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * Starts a sweep with a fresh id and waits up to {@code wait} for its summary.
   *
   * @throws ApiProblem 503 when Temporal does not take the start in time
   */
  public SweepOutcome start(SweepRequest request, Duration wait) {
    String sweepId = RecoverySweepWorkflow.ID_PREFIX + "manual-" + UUID.randomUUID();
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(sweepId)
            .setTaskQueue(OrderWorkflow.TASK_QUEUE)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    RecoverySweepWorkflow sweep = client.newWorkflowStub(RecoverySweepWorkflow.class, options);
    // A start is as quick as a read; the read timeout bounds it, and its failures are a 503.
    calls.read(() -> WorkflowClient.start(sweep::sweep, request));

    Future<SweepSummary> result =
        calls.submit(
            () -> client.newUntypedWorkflowStub(sweepId).getResult(SweepSummary.class), RETRY);
    try {
      return new SweepOutcome.Finished(sweepId, result.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      result.cancel(true);
      return new SweepOutcome.Running(sweepId);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowFailedException) {
        return find(sweepId).orElse(new SweepOutcome.Failed(sweepId, "FAILED"));
      }
      // The sweep was started; only waiting for it failed. Its Location tells how it ends.
      return new SweepOutcome.Running(sweepId);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      return new SweepOutcome.Running(sweepId);
    }
  }

  /**
   * The sweep with this id; empty when there is none (not a sweep id, never started, or forgotten
   * by Temporal after its retention period).
   *
   * @throws ApiProblem 503 when Temporal cannot answer in time
   */
  public Optional<SweepOutcome> find(String sweepId) {
    if (sweepId == null || !SWEEP_ID.matcher(sweepId).matches()) {
      return Optional.empty();
    }
    Optional<WorkflowExecutionDescription> described =
        calls.read(() -> client.newUntypedWorkflowStub(sweepId).describe());
    if (described.isEmpty() || !SWEEP_TYPE.equals(described.get().getWorkflowType())) {
      return Optional.empty();
    }
    WorkflowExecutionStatus status = described.get().getStatus();
    return Optional.of(
        switch (status) {
          case WORKFLOW_EXECUTION_STATUS_RUNNING -> new SweepOutcome.Running(sweepId);
          case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
              new SweepOutcome.Finished(
                  sweepId,
                  calls
                      .read(
                          () ->
                              client.newUntypedWorkflowStub(sweepId).getResult(SweepSummary.class))
                      .orElseThrow());
          default ->
              new SweepOutcome.Failed(
                  sweepId, status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
        });
  }
}
