package org.ordersystem.activities;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ordersystem.readmodel.RecoveryReadModel;
import org.ordersystem.workflows.UpdateRejections;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.ordersystem.workflows.recovery.WorkflowLiveness;

/**
 * The recovery sweep's hands: reads candidates from the read model, and retries or rolls back an
 * order through its workflow's {@code retryPending}/{@code rollbackPending} update.
 *
 * <p>A retry can take as long as a step's whole retry budget, so {@link #recover} does not block in
 * one call: it waits in short rounds and heartbeats between them, which lets the sweep's heartbeat
 * timeout notice a dead worker long before the start-to-close timeout would.
 */
public final class RecoveryActivitiesImpl implements RecoveryActivities {

  /** Failure type when an update did not settle within the settle timeout; retried. */
  public static final String NOT_SETTLED = "RECOVERY_NOT_SETTLED";

  /** Refusal type when the order has no workflow (any more). */
  public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";

  /** Refusal type when the order refused the update with a failure of no known type. */
  public static final String UPDATE_FAILED = "UPDATE_FAILED";

  /** Time between two heartbeats while an update runs; well under any sane heartbeat timeout. */
  static final Duration ROUND = Duration.ofSeconds(1);

  private final WorkflowClient client;
  private final RecoveryReadModel readModel;
  private final Duration settleTimeout;

  /**
   * @param settleTimeout how long {@link #recover} waits for one update to settle before it fails
   *     the attempt (the next attempt waits for the same update again; it does not send another)
   */
  public RecoveryActivitiesImpl(
      WorkflowClient client, RecoveryReadModel readModel, Duration settleTimeout) {
    if (settleTimeout.isNegative() || settleTimeout.isZero()) {
      throw new IllegalArgumentException("settleTimeout must be positive: " + settleTimeout);
    }
    this.client = client;
    this.readModel = readModel;
    this.settleTimeout = settleTimeout;
  }

  @Override
  public List<SweepCandidate> findCandidates(CandidateQuery query) {
    return readModel.findCandidates(query);
  }

  @Override
  public RecoveryOutcome recover(RecoveryCommand command) {
    String updateName = updateName(command.decision());
    ActivityExecutionContext context = Activity.getExecutionContext();
    String workflowId = PlaceOrderRequest.workflowId(command.orderId());
    WorkflowStub order = client.newUntypedWorkflowStub(workflowId);
    try {
      WorkflowUpdateHandle<OrderView> update =
          order.startUpdate(
              UpdateOptions.newBuilder(OrderView.class)
                  .setUpdateName(updateName)
                  .setUpdateId(updateId(context.getInfo(), updateName))
                  .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                  .build(),
              command.request());
      OrderView settled = awaitSettled(context, update.getResultAsync(), command.orderId());
      return new RecoveryOutcome(command.orderId(), settled.status(), settled.pending(), null);
    } catch (WorkflowNotFoundException e) {
      return refused(command.orderId(), ORDER_NOT_FOUND, "no running workflow " + workflowId);
    } catch (WorkflowUpdateException e) {
      return refusal(command.orderId(), e);
    }
  }

  @Override
  public WorkflowLiveness inspect(String orderId) {
    DescribeWorkflowExecutionRequest request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(
                WorkflowExecution.newBuilder().setWorkflowId(PlaceOrderRequest.workflowId(orderId)))
            .build();
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(request)
              .getWorkflowExecutionInfo()
              .getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? WorkflowLiveness.RUNNING
          : WorkflowLiveness.CLOSED;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return WorkflowLiveness.NOT_FOUND;
      }
      throw e; // the server is unreachable or busy: the attempt fails and is retried
    }
  }

  @Override
  public void recordSweep(SweepSummary summary) {
    readModel.recordSweep(summary);
  }

  private static String updateName(SweepDecision decision) {
    if (decision == SweepDecision.RETRY) {
      return "retryPending";
    }
    if (decision == SweepDecision.ROLLBACK) {
      return "rollbackPending";
    }
    // A bug in the sweep, not a passing condition: retrying the attempt cannot help.
    throw ApplicationFailure.newNonRetryableFailure(
        "recover takes RETRY or ROLLBACK, not " + decision, "INVALID_COMMAND");
  }

  /**
   * The same on every attempt of this activity, so a retried attempt attaches to the update the
   * first one sent instead of sending a second retry or rollback.
   */
  static String updateId(ActivityInfo info, String updateName) {
    return updateName
        + ":"
        + info.getWorkflowId()
        + ":"
        + info.getWorkflowRunId()
        + ":"
        + info.getActivityId();
  }

  private OrderView awaitSettled(
      ActivityExecutionContext context, CompletableFuture<OrderView> result, String orderId) {
    long deadline = System.nanoTime() + settleTimeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw ApplicationFailure.newFailure(
            "order " + orderId + " did not settle within " + settleTimeout, NOT_SETTLED);
      }
      try {
        return result.get(Math.min(left, ROUND.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException stillRunning) {
        context.heartbeat(orderId);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause; // WorkflowUpdateException and WorkflowNotFoundException are handled above
        }
        throw new IllegalStateException("update of order " + orderId + " failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for order " + orderId, e);
      }
    }
  }

  private static RecoveryOutcome refusal(String orderId, WorkflowUpdateException e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      String type = UpdateRejections.typeOf(failure);
      return refused(
          orderId, type != null ? type : failure.getType(), UpdateRejections.detailOf(failure));
    }
    return refused(orderId, UPDATE_FAILED, String.valueOf(e.getCause()));
  }

  private static RecoveryOutcome refused(String orderId, String type, String detail) {
    return new RecoveryOutcome(orderId, null, null, type + ": " + detail);
  }
}
