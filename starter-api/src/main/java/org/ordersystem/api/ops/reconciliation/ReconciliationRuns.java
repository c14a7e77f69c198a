package org.ordersystem.api.ops.reconciliation;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationRequest;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;
import org.ordersystem.workflows.reconciliation.ReconciliationWorkflow;
import org.springframework.stereotype.Component;

/** Starts reconciliation runs for operators and waits a while for their summary. */
@Component
public class ReconciliationRuns {

  private final WorkflowClient client;
  private final ReconciliationProperties properties;

  public ReconciliationRuns(WorkflowClient client, ReconciliationProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /** A run started: its id, and its summary when it finished within the wait. */
  public record Started(String runId, Optional<ReconciliationSummary> summary) {}

  public Started runNow() {
    ReconciliationSettings defaults = ReconciliationSettings.defaults();
    ReconciliationSettings settings =
        new ReconciliationSettings(
            defaults.interval(),
            properties.window(),
            properties.grace(),
            defaults.maxEventPages(),
            defaults.maxActions());
    String runId = ReconciliationWorkflow.ID_PREFIX + "manual-" + Instant.now() + "-" + shortId();
    ReconciliationWorkflow run =
        client.newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                .build());
    try {
      WorkflowClient.start(run::run, new ReconciliationRequest("manual", settings));
      return new Started(
          runId,
          Optional.of(
              client
                  .newUntypedWorkflowStub(runId)
                  .getResult(
                      properties.runTimeout().toMillis(),
                      TimeUnit.MILLISECONDS,
                      ReconciliationSummary.class)));
    } catch (TimeoutException e) {
      return new Started(runId, Optional.empty());
    } catch (WorkflowServiceException e) {
      throw new ApiProblem(
          ProblemType.SERVICE_UNAVAILABLE,
          "The workflow engine is unavailable; retry later.",
          java.util.List.of(),
          e);
    } catch (WorkflowException e) {
      throw new ApiProblem(
          ProblemType.BAD_GATEWAY,
          "Reconciliation run " + runId + " failed: " + e.getMessage(),
          java.util.List.of(),
          e);
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
