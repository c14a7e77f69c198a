package org.ordersystem.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;

/**
 * The state of one baseline order, producing the same views the order workflow writes to the read
 * model at each transition (growing version, steps done, legs), so the baseline's writes are the
 * workflow's writes.
 */
final class BaselineOrder {

  static final String SHOP = "demo-shop";
  static final ShippingAddress ADDRESS =
      new ShippingAddress("Bench Buyer", "100-0001", "Tokyo", "1-1 Chiyoda", null, "JP");

  final String orderId;
  final String customerId;
  final List<OrderLine> lines = List.of(new OrderLine(OrderBodies.SKU, 1, OrderBodies.UNIT_PRICE));
  final List<PaymentSource> sources =
      List.of(
          new PaymentSource(SourceType.BALANCE, OrderBodies.BALANCE_AMOUNT, null),
          new PaymentSource(SourceType.POINTS, OrderBodies.POINTS_AMOUNT, null),
          new PaymentSource(SourceType.CARD, OrderBodies.CARD_AMOUNT, OrderBodies.CARD_TOKEN));

  private final Instant createdAt = Instant.now();
  private final List<OrderStep> stepsDone = new ArrayList<>();
  private final List<PaymentLeg> legs = new ArrayList<>();
  private OrderStatus status = OrderStatus.CREATING;
  private OrderStep step = OrderStep.RESERVE_STOCK;
  private String trackingNumber;
  private long version;

  BaselineOrder(String orderId, String customerId) {
    this.orderId = orderId;
    this.customerId = customerId;
    for (int i = 0; i < sources.size(); i++) {
      PaymentSource s = sources.get(i);
      legs.add(new PaymentLeg(legId(i), s.type(), s.amount(), LegState.NEW));
    }
  }

  /** The workflow's leg ids: 1, 2, 3 in the order of the sources. */
  static String legId(int index) {
    return String.valueOf(index + 1);
  }

  OrderView advanceTo(OrderStep next) {
    stepsDone.add(step);
    step = next;
    return view();
  }

  OrderView leg(int index, LegState state) {
    legs.set(index, legs.get(index).withState(state));
    return view();
  }

  OrderView shipped(String tracking) {
    trackingNumber = tracking;
    return advanceTo(OrderStep.CAPTURE_PAYMENT);
  }

  OrderView complete() {
    status = OrderStatus.COMPLETED;
    return advanceTo(OrderStep.COMPLETED);
  }

  OrderView view() {
    version++;
    return new OrderView(
        orderId,
        SHOP,
        customerId,
        status,
        step,
        List.copyOf(stepsDone),
        OrderBodies.UNIT_PRICE,
        null,
        null,
        lines,
        List.copyOf(legs),
        trackingNumber,
        version,
        createdAt,
        Instant.now(),
        trackingNumber == null ? ShipmentState.NONE : ShipmentState.CREATED,
        0);
  }
}
