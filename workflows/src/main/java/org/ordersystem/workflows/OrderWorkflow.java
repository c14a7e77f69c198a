package org.ordersystem.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentUpdate;

/**
 * The life of one order (workflow id {@code order-<orderId>}): the purchase flow (reserve stock,
 * authorize payment, register shipping, capture payment, commit stock), then, once COMPLETED, the
 * refund window, during which refunds of the order run one at a time and shipment updates arrive.
 */
@WorkflowInterface
public interface OrderWorkflow {

  /** Task queue the order workflows and their activities run on. */
  String TASK_QUEUE = "orders";

  /** The reason of an order stopped by {@link #cancelOrder}; the request's reason is the detail. */
  String CANCELLED_BY_REQUEST = "CANCELLED_BY_REQUEST";

  /** Runs the purchase flow and the refund window; returns the order as it ended. */
  @WorkflowMethod
  OrderView placeOrder(PlaceOrderRequest request);

  /**
   * Returns once the order is accepted (stock reserved and payment authorized) or rejected; the API
   * sends it with the start (Update-with-Start) to answer the shop synchronously. Every caller gets
   * the same snapshot, taken at the moment of the decision.
   */
  @UpdateMethod
  OrderView awaitAcceptance();

  /**
   * Stops an order still being placed: runs the compensations and returns the CANCELLED order.
   * Refused (validator, {@link UpdateRejections#ORDER_NOT_CANCELLABLE}) once the order is final or
   * its capture has begun.
   */
  @UpdateMethod
  OrderView cancelOrder(CancelOrderRequest request);

  @UpdateValidatorMethod(updateName = "cancelOrder")
  void validateCancelOrder(CancelOrderRequest request);

  /**
   * Refunds part or all of a completed order, after the refunds requested before it; returns the
   * refund once COMPLETED. A replay of a refund id returns that refund. Refused by the validator
   * when the order is not refundable, the amount or lines exceed what is left, or the id was used
   * with other parameters (see {@link UpdateRejections}).
   */
  @UpdateMethod
  RefundView requestRefund(RefundRequest request);

  @UpdateValidatorMethod(updateName = "requestRefund")
  void validateRefund(RefundRequest request);

  /** The shipping side reports the parcel DISPATCHED or DELIVERED. */
  @SignalMethod
  void shipmentUpdated(ShipmentUpdate update);

  /** The order as it stands now. */
  @QueryMethod
  OrderView getOrder();

  /** The order's refunds, oldest first. */
  @QueryMethod
  List<RefundView> getRefunds();
}
