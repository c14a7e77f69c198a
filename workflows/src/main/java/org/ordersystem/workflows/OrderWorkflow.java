package org.ordersystem.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * The purchase flow of one order (workflow id {@code order-<orderId>}): reserve stock, authorize
 * payment, register shipping, capture payment, commit stock.
 */
@WorkflowInterface
public interface OrderWorkflow {

  /** Task queue the order workflows and their activities run on. */
  String TASK_QUEUE = "orders";

  /** Runs the purchase flow to its end and returns the final order. */
  @WorkflowMethod
  OrderView placeOrder(PlaceOrderRequest request);

  /**
   * Returns once the order is accepted (stock reserved and payment authorized) or rejected; the API
   * sends it with the start (Update-with-Start) to answer the shop synchronously. Every caller gets
   * the same snapshot, taken at the moment of the decision.
   */
  @UpdateMethod
  OrderView awaitAcceptance();

  /** The order as it stands now. */
  @QueryMethod
  OrderView getOrder();
}
