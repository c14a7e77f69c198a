package org.ordersystem.workflows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ordersystem.workflows.RefundWorkflow.RefundPlan;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

/**
 * Decides what one refund returns, from the order and the refunds completed before it.
 *
 * <p>Money goes back to the legs it came from, never more to a leg than it captured minus what it
 * returned already, in this order:
 *
 * <ol>
 *   <li><b>CARD</b>: the customer's bank money comes back first. It is the only source that left
 *       our books, a card refund takes days to reach the statement, and card networks allow it only
 *       for a limited time after capture, so it must not wait behind later refunds.
 *   <li><b>BALANCE</b>: the customer's own stored money in our wallet, as good as cash to them.
 *   <li><b>POINTS</b>: loyalty points last. They were the shop's gift, not the customer's money; a
 *       partial refund that handed back points while the shop kept cash would leave the customer
 *       short.
 * </ol>
 *
 * Legs of one type go in the order the customer gave them.
 *
 * <p>A refund that returns everything left while the parcel has not left (CREATED) also stops the
 * parcel and, if that works, restocks every unit not restocked yet. After dispatch the parcel and
 * its units are on their way: only the lines a refund names come back to the shelf.
 */
final class RefundPlanner {

  private RefundPlanner() {}

  static RefundPlan plan(RefundView refund, OrderView order, List<RefundView> completed) {
    long refundedBefore = completed.stream().mapToLong(RefundView::amount).sum();
    boolean full = refundedBefore + refund.amount() == order.total();
    boolean cancelShipment = full && order.shipmentState() == ShipmentState.CREATED;
    return new RefundPlan(
        order.orderId(),
        refund.refundId(),
        splitOverLegs(refund.amount(), order, completed),
        refund.lines(),
        cancelShipment,
        cancelShipment ? notRestocked(order, completed, refund.lines()) : List.of());
  }

  /** Units of a sku the order sold. */
  static int unitsSold(OrderView order, String sku) {
    return order.lines().stream()
        .filter(line -> line.sku().equals(sku))
        .mapToInt(OrderLine::quantity)
        .sum();
  }

  private static List<LegRefund> splitOverLegs(
      long amount, OrderView order, List<RefundView> completed) {
    List<PaymentLeg> legs =
        order.legs().stream()
            .filter(leg -> leg.state() == LegState.CAPTURED)
            .sorted(Comparator.comparingInt(leg -> rank(leg.type())))
            .toList();
    List<LegRefund> split = new ArrayList<>();
    long left = amount;
    for (PaymentLeg leg : legs) {
      long share = Math.min(left, leg.amount() - refundedOf(leg.legId(), completed));
      if (share > 0) {
        split.add(new LegRefund(leg.legId(), leg.type(), share));
        left -= share;
      }
    }
    if (left != 0) {
      // The checks on acceptance make this impossible; a bug must not return a wrong amount.
      throw new IllegalStateException(
          "Refund " + amount + " of " + order.orderId() + " does not fit its legs: " + left);
    }
    return List.copyOf(split);
  }

  private static long refundedOf(String legId, List<RefundView> completed) {
    return completed.stream()
        .flatMap(r -> r.legRefunds().stream())
        .filter(leg -> leg.legId().equals(legId))
        .mapToLong(LegRefund::amount)
        .sum();
  }

  /** Units sold that neither an earlier refund nor this one puts back. */
  private static List<RefundLine> notRestocked(
      OrderView order, List<RefundView> completed, List<RefundLine> returned) {
    List<RefundLine> rest = new ArrayList<>();
    for (OrderLine line : order.lines()) {
      String sku = line.sku();
      if (rest.stream().anyMatch(r -> r.sku().equals(sku))) {
        continue;
      }
      int left =
          unitsSold(order, sku)
              - units(sku, completed.stream().flatMap(r -> r.lines().stream()).toList())
              - units(sku, returned);
      if (left > 0) {
        rest.add(new RefundLine(sku, left));
      }
    }
    return List.copyOf(rest);
  }

  private static int units(String sku, List<RefundLine> lines) {
    return lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(RefundLine::quantity).sum();
  }

  private static int rank(SourceType type) {
    return switch (type) {
      case CARD -> 0;
      case BALANCE -> 1;
      case POINTS -> 2;
    };
  }
}
