package org.ordersystem.workflows;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.RefundLine;

/**
 * Carries out one refund of an order (workflow id {@code refund-<refundId>}), as a child of the
 * order's workflow, which decided what it returns and runs the refunds of an order one at a time.
 */
@WorkflowInterface
public interface RefundWorkflow {

  /**
   * What to return, decided by the order from the refunds before this one.
   *
   * @param legRefunds the amount per payment leg, in the order they are refunded
   * @param returnedLines the units the refund itself returns, restocked in any case
   * @param cancelShipment whether to stop the parcel: the refund returns everything that is left
   *     and the parcel has not left yet
   * @param restockIfShipmentCancelled the other units not yet restocked, put back only when the
   *     parcel is stopped
   */
  record RefundPlan(
      String orderId,
      String refundId,
      List<LegRefund> legRefunds,
      List<RefundLine> returnedLines,
      boolean cancelShipment,
      List<RefundLine> restockIfShipmentCancelled) {}

  /**
   * What the refund did besides returning the money.
   *
   * @param shipmentCancelled whether the parcel was stopped
   * @param shipmentDispatched whether the parcel could not be stopped, having left already
   * @param restocked the units put back on the shelf
   */
  record RefundOutcome(
      boolean shipmentCancelled, boolean shipmentDispatched, List<RefundLine> restocked) {}

  /** The workflow id of a refund. */
  static String workflowId(String refundId) {
    return "refund-" + refundId;
  }

  /** Returns the money to the legs, stops the parcel when planned, restocks; until done. */
  @WorkflowMethod
  RefundOutcome refund(RefundPlan plan);
}
