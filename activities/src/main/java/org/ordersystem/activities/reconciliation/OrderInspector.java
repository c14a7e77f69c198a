package org.ordersystem.activities.reconciliation;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.reconciliation.OrderFacts;

/**
 * The orders behind payments: where they stand (the workflow while it runs, the read model after).
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
    Optional<StoredOrder> order = Optional.empty();
    if (running) {
      order =
          Optional.ofNullable(client.newWorkflowStub(OrderWorkflow.class, workflowId).getOrder())
              .map(StoredOrder::of);
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
}
