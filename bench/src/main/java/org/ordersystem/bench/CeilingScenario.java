package org.ordersystem.bench;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ordersystem.bench.ceiling.CeilingWorkflow;
import org.ordersystem.payloadcodec.PayloadEncryption;

/**
 * (b) The ceiling, started like an order (Update-with-Start, waiting for acceptance) straight from
 * the benchmark's Temporal client; its end is the workflow's result, awaited with a long poll.
 */
final class CeilingScenario implements Scenario {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final int legs;
  // Update-with-Start blocks until the update answers: one thread per order in flight, so the
  // schedule never waits on it.
  private final ExecutorService starters = Executors.newCachedThreadPool();

  CeilingScenario(String temporalTarget, String namespace, int legs) {
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    this.client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                // The ceiling worker's keys (bench/run gives both the same), as the API has the
                // order workers'.
                .setDataConverter(PayloadEncryption.fromEnv(System.getenv()).dataConverter())
                .build());
    this.legs = legs;
  }

  @Override
  public String name() {
    return "ceiling";
  }

  @Override
  public void start(String id, OrderTracker tracker) {
    starters.execute(() -> place(id, tracker));
  }

  private void place(String id, OrderTracker tracker) {
    CeilingWorkflow workflow =
        client.newWorkflowStub(
            CeilingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("ceiling-" + id)
                .setTaskQueue(CeilingWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    try {
      WorkflowClient.startUpdateWithStart(
              workflow::awaitAcceptance,
              UpdateOptions.<String>newBuilder()
                  .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                  .build(),
              new WithStartWorkflowOperation<>(workflow::run, id, legs))
          .getResult();
    } catch (RuntimeException e) {
      tracker.failed("start:" + e.getClass().getSimpleName());
      return;
    }
    tracker.accepted();
    WorkflowStub.fromTyped(workflow)
        .getResultAsync(String.class)
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                tracker.completed();
              } else {
                tracker.failed("result:" + error.getClass().getSimpleName());
              }
            });
  }

  @Override
  public void close() throws InterruptedException {
    starters.shutdownNow();
    starters.awaitTermination(5, TimeUnit.SECONDS);
    stubs.shutdown();
  }
}
