package org.ordersystem.workers;

import io.opentelemetry.context.Scope;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import org.ordersystem.tracing.OrderContext;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * Makes the order an order workflow or one of its activities works for the current {@link
 * OrderContext}: its log lines carry the {@code orderId}, and so do the gRPC calls its activities
 * make, to the services' log lines. The order is read from the workflow id, which names it.
 */
final class OrderContextInterceptor extends WorkerInterceptorBase {

  private static final String ORDER_WORKFLOW_PREFIX = PlaceOrderRequest.workflowId("");

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        // Only logging reads it: the workflow's decisions stay the same with or without it.
        Optional<String> orderId = orderIdOf(Workflow.getInfo().getWorkflowId());
        if (orderId.isEmpty()) {
          return super.execute(input);
        }
        try (Scope ignored = OrderContext.enter(orderId.get())) {
          return super.execute(input);
        }
      }
    };
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private Optional<String> orderId = Optional.empty();

      @Override
      public void init(ActivityExecutionContext context) {
        orderId = orderIdOf(context.getInfo().getWorkflowId());
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        if (orderId.isEmpty()) {
          return super.execute(input);
        }
        try (Scope ignored = OrderContext.enter(orderId.get())) {
          return super.execute(input);
        }
      }
    };
  }

  static Optional<String> orderIdOf(String workflowId) {
    return workflowId != null && workflowId.startsWith(ORDER_WORKFLOW_PREFIX)
        ? Optional.of(workflowId.substring(ORDER_WORKFLOW_PREFIX.length()))
        : Optional.empty();
  }
}
