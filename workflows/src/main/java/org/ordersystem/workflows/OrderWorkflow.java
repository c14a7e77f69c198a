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
import org.ordersystem.workflows.model.RecoveryRequest;
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

  /** The reason of a PENDING order rolled back by {@link #rollback}; the request is the detail. */
  String ROLLED_BACK = "ROLLED_BACK";

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

  /**
   * Runs the step a PENDING order stopped at again, with a fresh retry budget. For operators in
   * Temporal UI; a signal cannot be refused, so one that does not apply (the order is not PENDING,
   * a decision was taken already) is logged and ignored, and sending it twice is harmless.
   */
  @SignalMethod(name = "retry")
  void retry(RecoveryRequest request);

  /**
   * Rolls a PENDING order back: runs its compensations and ends it CANCELLED with reason {@link
   * #ROLLED_BACK}. Ignored like {@link #retry} when it does not apply, and once capture has begun
   * (money was posted: only a retry completes the order, and a refund returns the money after).
   */
  @SignalMethod(name = "rollback")
  void rollback(RecoveryRequest request);

  /**
   * {@link #retry} for the ops API and the recovery sweep: refused by the validator ({@link
   * UpdateRejections#ORDER_NOT_PENDING}) when the order is not PENDING, and returns once the retry
   * settled: the order is final, or PENDING again.
   */
  @UpdateMethod
  OrderView retryPending(RecoveryRequest request);

  @UpdateValidatorMethod(updateName = "retryPending")
  void validateRetryPending(RecoveryRequest request);

  /**
   * {@link #rollback} for the ops API and the recovery sweep: refused when the order is not PENDING
   * ({@link UpdateRejections#ORDER_NOT_PENDING}) or its capture has begun ({@link
   * UpdateRejections#ROLLBACK_NOT_ALLOWED}); returns the CANCELLED order once compensated.
   */
  @UpdateMethod
  OrderView rollbackPending(RecoveryRequest request);

  @UpdateValidatorMethod(updateName = "rollbackPending")
  void validateRollbackPending(RecoveryRequest request);

  /** The order as it stands now. */
  @QueryMethod
  OrderView getOrder();

  /** The order's refunds, oldest first. */
  @QueryMethod
  List<RefundView> getRefunds();
}
