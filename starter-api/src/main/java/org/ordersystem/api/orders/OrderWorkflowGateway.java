package org.ordersystem.api.orders;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderUiMetadata;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShipmentUpdate;
import org.springframework.stereotype.Component;

/**
 * Everything the API asks Temporal about orders, except the updates of a placed order ({@link
 * OrderUpdates}); each call bounded in time on {@link TemporalCalls}.
 */
@Component
public class OrderWorkflowGateway {

  private static final String RETRY_PLACEMENT =
      "retry later (an order POST is safe to retry with the same Idempotency-Key).";

  private final WorkflowClient client;
  private final TemporalCalls calls;

  public OrderWorkflowGateway(WorkflowClient client, TemporalCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * Starts the order's workflow, or joins it if it runs (a retry of the same request), and waits up
   * to {@code acceptTimeout} for its acceptance decision. A finished workflow is never run again.
   *
   * @throws ApiProblem 503 when Temporal cannot be reached
   */
  public PlacementOutcome place(PlaceOrderRequest request, Duration acceptTimeout) {
    String workflowId = PlaceOrderRequest.workflowId(request.orderId());
    Future<OrderView> call =
        calls.submit(
            () -> updateWithStart(workflowId, request), "retry with the same Idempotency-Key.");
    try {
      OrderView decided = call.get(acceptTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new PlacementOutcome.Decided(decided);
    } catch (TimeoutException e) {
      call.cancel(true);
      // Only a workflow that exists will decide later; otherwise the start itself did not land.
      if (exists(workflowId)) {
        return new PlacementOutcome.Undecided();
      }
      throw TemporalCalls.unavailable(e, RETRY_PLACEMENT);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (TemporalCalls.isClosedWorkflow(cause)) {
        return new PlacementOutcome.AlreadyClosed();
      }
      if (TemporalCalls.isUnavailable(cause)) {
        throw TemporalCalls.unavailable(cause, RETRY_PLACEMENT);
      }
      throw new IllegalStateException("update-with-start of " + workflowId + " failed", cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw TemporalCalls.unavailable(e, RETRY_PLACEMENT);
    }
  }

  /**
   * The order as its workflow knows it; empty when there is no such workflow.
   *
   * @throws ApiProblem 503 when Temporal cannot answer in time
   */
  public Optional<OrderView> query(String orderId) {
    return calls.read(() -> stub(orderId).getOrder());
  }

  /**
   * The order's refunds as its workflow knows them, oldest first; empty when there is no such
   * workflow.
   *
   * @throws ApiProblem 503 when Temporal cannot answer in time
   */
  public Optional<List<RefundView>> queryRefunds(String orderId) {
    return calls.read(() -> stub(orderId).getRefunds());
  }

  /**
   * Tells the order's workflow where its parcel stands. Safe to repeat: a state the workflow
   * already has changes nothing.
   *
   * @return false when there is no running workflow for the order
   * @throws ApiProblem 503 when Temporal cannot take the signal in time
   */
  public boolean signalShipment(String orderId, ShipmentState state) {
    return calls
        .read(
            () -> {
              stub(orderId).shipmentUpdated(new ShipmentUpdate(state));
              return Boolean.TRUE;
            })
        .isPresent();
  }

  private OrderWorkflow stub(String orderId) {
    return client.newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(orderId));
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
            // What operators see in Temporal UI without opening the history; no personal data.
            .setStaticSummary(OrderUiMetadata.summary(request))
            .setStaticDetails(OrderUiMetadata.details(request))
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
    return calls.read(() -> client.newUntypedWorkflowStub(workflowId).describe()).isPresent();
  }
}
