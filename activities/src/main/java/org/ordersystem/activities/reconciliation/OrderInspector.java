package org.ordersystem.activities.reconciliation;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.UpdateRejections;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.reconciliation.OrderFacts;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepDecision;

/**
 * The orders behind payments: where they stand (the workflow while it runs, the read model after),
 * and the retry or rollback reconciliation sends them.
 */
final class OrderInspector {

  private final WorkflowClient client;
  private final OrderReadModel readModel;

  OrderInspector(WorkflowClient client, OrderReadModel readModel) {
    this.client = client;
    this.readModel = readModel;
  }

  OrderFacts inspect(String orderId) {
    String workflowId = PlaceOrderRequest.workflowId(orderId);
    boolean running = isRunning(workflowId);
    Optional<OrderView> order = Optional.empty();
    if (running) {
      order =
          Optional.ofNullable(client.newWorkflowStub(OrderWorkflow.class, workflowId).getOrder());
    }
    if (order.isEmpty()) {
      order = readModel.find(orderId);
    }
    return order
        .map(o -> new OrderFacts(orderId, true, running, o.status(), o.step()))
        .orElse(new OrderFacts(orderId, running, running, null, null));
  }

  private boolean isRunning(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  RecoveryOutcome tell(RecoveryCommand command) {
    OrderWorkflow order =
        client.newWorkflowStub(
            OrderWorkflow.class, PlaceOrderRequest.workflowId(command.orderId()));
    try {
      OrderView view =
          command.decision() == SweepDecision.ROLLBACK
              ? order.rollbackPending(command.request())
              : order.retryPending(command.request());
      return new RecoveryOutcome(command.orderId(), view.status(), view.pending(), null);
    } catch (WorkflowNotFoundException e) {
      return new RecoveryOutcome(command.orderId(), null, null, "ORDER_NOT_FOUND: no such order");
    } catch (WorkflowUpdateException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof ApplicationFailure failure) {
          return new RecoveryOutcome(
              command.orderId(),
              null,
              null,
              UpdateRejections.typeOf(failure) + ": " + UpdateRejections.detailOf(failure));
        }
      }
      throw e;
    }
  }
}
