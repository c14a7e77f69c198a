package org.ordersystem.api.orders;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.config.TemporalProperties;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.springframework.stereotype.Component;

/**
 * Everything the API asks Temporal about orders, each call bounded in time.
 *
 * <p>Temporal's client blocks until an update is accepted, for as long as that takes (no worker, a
 * slow first task); the calls run on a bounded pool so a request can stop waiting at its own
 * deadline. A call the request gave up on is interrupted, which cancels its RPC; the workflow, if
 * it started, carries on.
 */
@Component
public class OrderWorkflowGateway implements AutoCloseable {

  private final WorkflowClient client;
  private final Duration readTimeout;
  private final ThreadPoolExecutor calls;

  public OrderWorkflowGateway(
      WorkflowClient client, TemporalProperties temporal, ApiProperties api) {
    this.client = client;
    this.readTimeout = temporal.readTimeout();
    AtomicInteger threads = new AtomicInteger();
    // A hand-off queue: past the bound, calls are refused (503) rather than queued past their
    // request's deadline.
    this.calls =
        new ThreadPoolExecutor(
            0,
            api.maxTemporalCalls(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "temporal-call-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the order's workflow, or joins it if it runs (a retry of the same request), and waits up
   * to {@code acceptTimeout} for its acceptance decision. A finished workflow is never run again.
   *
   * @throws ApiProblem 503 when Temporal cannot be reached
   */
  public PlacementOutcome place(PlaceOrderRequest request, Duration acceptTimeout) {
    String workflowId = PlaceOrderRequest.workflowId(request.orderId());
    Future<OrderView> call = submit(() -> updateWithStart(workflowId, request));
    try {
      OrderView decided = call.get(acceptTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new PlacementOutcome.Decided(decided);
    } catch (TimeoutException e) {
      call.cancel(true);
      // Only a workflow that exists will decide later; otherwise the start itself did not land.
      if (exists(workflowId)) {
        return new PlacementOutcome.Undecided();
      }
      throw unavailable(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (isClosedWorkflow(cause)) {
        return new PlacementOutcome.AlreadyClosed();
      }
      if (isUnavailable(cause)) {
        throw unavailable(cause);
      }
      throw new IllegalStateException("update-with-start of " + workflowId + " failed", cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
  }

  /**
   * The order as its workflow knows it; empty when there is no such workflow.
   *
   * @throws ApiProblem 503 when Temporal cannot answer in time
   */
  public Optional<OrderView> query(String orderId) {
    String workflowId = PlaceOrderRequest.workflowId(orderId);
    return bounded(() -> client.newWorkflowStub(OrderWorkflow.class, workflowId).getOrder());
  }

  private OrderView updateWithStart(String workflowId, PlaceOrderRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(OrderWorkflow.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    OrderWorkflow workflow = client.newWorkflowStub(OrderWorkflow.class, options);
    UpdateOptions<OrderView> update =
        UpdateOptions.<OrderView>newBuilder().setWaitForStage(WorkflowUpdateStage.ACCEPTED).build();
    return WorkflowClient.startUpdateWithStart(
            workflow::awaitAcceptance,
            update,
            new WithStartWorkflowOperation<>(workflow::placeOrder, request))
        .getResult();
  }

  private boolean exists(String workflowId) {
    return bounded(() -> client.newUntypedWorkflowStub(workflowId).describe()).isPresent();
  }

  /** Runs a read within the read timeout; empty when the workflow does not exist. */
  private <T> Optional<T> bounded(Callable<T> read) {
    Future<T> call = submit(read);
    try {
      return Optional.ofNullable(call.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      call.cancel(true);
      throw unavailable(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return Optional.empty();
      }
      if (isUnavailable(e.getCause())) {
        throw unavailable(e.getCause());
      }
      throw new IllegalStateException("Temporal read failed", e.getCause());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
  }

  private <T> Future<T> submit(Callable<T> call) {
    try {
      return calls.submit(call);
    } catch (RejectedExecutionException e) {
      throw new ApiProblem(
          ProblemType.SERVICE_UNAVAILABLE,
          "Too many orders in flight; retry with the same Idempotency-Key.",
          List.of(),
          e);
    }
  }

  /**
   * A start refused by REJECT_DUPLICATE (the workflow finished), or an update that reached the
   * workflow only as it finished.
   */
  static boolean isClosedWorkflow(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WorkflowExecutionAlreadyStarted
          || c instanceof WorkflowUpdateException
          || c instanceof WorkflowNotFoundException) {
        return true;
      }
      if (c instanceof StatusRuntimeException sre) {
        Status.Code code = sre.getStatus().getCode();
        return code == Status.Code.ALREADY_EXISTS || code == Status.Code.NOT_FOUND;
      }
    }
    return false;
  }

  static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WorkflowUpdateTimeoutOrCancelledException) {
        return true;
      }
      if (c instanceof StatusRuntimeException sre) {
        return switch (sre.getStatus().getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED -> true;
          default -> false;
        };
      }
    }
    return false;
  }

  private static ApiProblem unavailable(Throwable cause) {
    return new ApiProblem(
        ProblemType.SERVICE_UNAVAILABLE,
        "The workflow engine is unavailable; retry later (an order POST is safe to retry with"
            + " the same Idempotency-Key).",
        List.of(),
        cause);
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}
