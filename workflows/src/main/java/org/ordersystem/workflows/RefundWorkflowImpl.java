package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.activities.ShippingActivities.ShipmentRef;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.activities.StockActivities.RestockLinesInput;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.RefundLine;
import org.slf4j.Logger;

/**
 * One refund, after capture: there is no rollback of a refund, so every call retries transient
 * failures until it succeeds (a payment-service outage delays the refund, never loses it), under a
 * key derived from the refund, so retries and replays are answered with the first result.
 *
 * <ol>
 *   <li>Stop the parcel first, when planned: it may be picked up any minute, and whether it stayed
 *       decides which units come back to the shelf. A parcel that left already (ALREADY_DISPATCHED)
 *       keeps going; the money is returned all the same.
 *   <li>Return the money, leg by leg, in the order planned (see {@link Refunds}).
 *   <li>Restock what came back: the returned lines, and every other unit when the parcel stayed.
 * </ol>
 *
 * <p>Any other failure for good (REFUND_EXCEEDED, RESTOCK_EXCEEDED, ...) means the order's books
 * and a service disagree: the refund fails, and the order workflow stops for an operator.
 */
public class RefundWorkflowImpl implements RefundWorkflow {

  private static final Logger log = Workflow.getLogger(RefundWorkflowImpl.class);

  private final PaymentActivities payment =
      Workflow.newActivityStub(PaymentActivities.class, StepOptions.untilDone());
  private final StockActivities stock =
      Workflow.newActivityStub(StockActivities.class, StepOptions.untilDone());
  private final ShippingActivities shipping =
      Workflow.newActivityStub(ShippingActivities.class, StepOptions.untilDone());

  @Override
  public RefundOutcome refund(RefundPlan plan) {
    String orderId = plan.orderId();
    boolean cancelled = false;
    boolean dispatched = false;
    if (plan.cancelShipment()) {
      try {
        shipping.cancelShipment(new ShipmentRef(IdempotencyKeys.cancelShipping(orderId), orderId));
        cancelled = true;
      } catch (ActivityFailure e) {
        if (!FailureType.ALREADY_DISPATCHED.name().equals(Rollback.reasonOf(e))) {
          throw e;
        }
        log.info("Refund {}: the parcel of {} left already", plan.refundId(), orderId);
        dispatched = true;
      }
    }
    for (LegRefund leg : plan.legRefunds()) {
      payment.refundLeg(
          new RefundLegInput(
              IdempotencyKeys.refundLeg(plan.refundId(), leg.legId()),
              orderId,
              leg.legId(),
              leg.amount()));
    }
    List<RefundLine> restock =
        cancelled
            ? Refunds.merge(concat(plan.returnedLines(), plan.restockIfShipmentCancelled()))
            : plan.returnedLines();
    if (!restock.isEmpty()) {
      stock.restockLines(
          new RestockLinesInput(IdempotencyKeys.restock(plan.refundId()), orderId, restock));
    }
    return new RefundOutcome(cancelled, dispatched, restock);
  }

  private static List<RefundLine> concat(List<RefundLine> a, List<RefundLine> b) {
    List<RefundLine> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
