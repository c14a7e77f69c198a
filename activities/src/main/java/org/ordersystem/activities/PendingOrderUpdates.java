package org.ordersystem.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ordersystem.workflows.UpdateRejections;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepDecision;

/**
 * Tells a PENDING order to retry or roll back, through its workflow's {@code retryPending} or
 * {@code rollbackPending} update, from inside an activity: the recovery sweep's and
 * reconciliation's.
 *
 * <p>The update's id is the calling activity's, so a retried attempt attaches to the update the
 * first attempt sent instead of sending a second retry or rollback. A retry can take as long as a
 * step's whole retry budget, so the call does not block in one piece: it waits in short rounds and
 * heartbeats between them, which lets a heartbeat timeout notice a dead worker long before the
 * start-to-close timeout would.
 */
public final class PendingOrderUpdates {

  /** Failure type when an update did not settle within the settle timeout; retried. */
  public static final String NOT_SETTLED = "RECOVERY_NOT_SETTLED";

  /** Refusal type when the order has no workflow (any more). */
  public static final String ORDER_NOT_FOUND = "ORDER_NOT_FOUND";

  /** Refusal type when the order refused the update with a failure of no known type. */
  public static final String UPDATE_FAILED = "UPDATE_FAILED";

  /** Time between two heartbeats while an update runs; well under any sane heartbeat timeout. */
  static final Duration ROUND = Duration.ofSeconds(1);

  private final WorkflowClient client;
  private final Duration settleTimeout;

  /**
   * @param settleTimeout how long {@link #send} waits for one update to settle before it fails the
   *     attempt (the next attempt waits for the same update again; it does not send another)
   */
  public PendingOrderUpdates(WorkflowClient client, Duration settleTimeout) {
    if (settleTimeout.isNegative() || settleTimeout.isZero()) {
      throw new IllegalArgumentException("settleTimeout must be positive: " + settleTimeout);
    }
    this.client = client;
    this.settleTimeout = settleTimeout;
  }

  /**
   * Sends the command's update and waits until the order settles; call it from an activity. A
   * refusal (no such order, no longer PENDING, a rollback after capture began) is an outcome.
   */
  public RecoveryOutcome send(RecoveryCommand command) {
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
