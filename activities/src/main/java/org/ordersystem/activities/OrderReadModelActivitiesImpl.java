package org.ordersystem.activities;

import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.RefundReadModel;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundView;

/** Writes the workflow's view of orders and refunds into the MySQL read model; never backwards. */
public final class OrderReadModelActivitiesImpl implements OrderReadModelActivities {

  private final OrderReadModel orders;
  private final RefundReadModel refunds;

  public OrderReadModelActivitiesImpl(OrderReadModel orders, RefundReadModel refunds) {
    this.orders = orders;
    this.refunds = refunds;
  }

  @Override
  public RecordedOrder recordOrder(OrderView order) {
    if (orders.record(StoredOrder.of(order))) {
      return new RecordedOrder(true, order.version());
    }
    long stored = orders.find(order.orderId()).map(StoredOrder::version).orElse(0L);
    return new RecordedOrder(false, stored);
  }

  @Override
  public void recordRefund(RefundView refund) {
    refunds.record(refund);
  }
}
