package org.ordersystem.readmodel;

import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

/** The read-model tests' order: two mugs of customer cust-001, 2400 paid from the balance. */
final class MugOrders {

  private MugOrders() {}

  static StoredOrder row(
      String orderId,
      String shopId,
      OrderStatus status,
      OrderStep step,
      long version,
      Instant createdAt,
      Instant updatedAt,
      PendingInfo pending) {
    return new StoredOrder(
        orderId,
        shopId,
        "cust-001",
        status,
        step,
        List.of(OrderStep.RESERVE_STOCK),
        2400,
        null,
        null,
        List.of(new OrderLine("MUG", 2, 1200)),
        List.of(new PaymentLeg("1", SourceType.BALANCE, 2400, LegState.AUTHORIZED)),
        null,
        version,
        createdAt,
        updatedAt,
        ShipmentState.NONE,
        0,
        pending);
  }
}
