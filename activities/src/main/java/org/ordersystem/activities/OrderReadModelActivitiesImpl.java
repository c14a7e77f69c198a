package org.ordersystem.activities;

import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.workflows.activities.OrderReadModelActivities;
import org.ordersystem.workflows.model.OrderView;

/** Writes the workflow's view of an order into the MySQL read model, newest version wins. */
public final class OrderReadModelActivitiesImpl implements OrderReadModelActivities {

  private final OrderReadModel readModel;

  public OrderReadModelActivitiesImpl(OrderReadModel readModel) {
    this.readModel = readModel;
  }

  @Override
  public void recordOrder(OrderView order) {
    readModel.record(order);
  }
}
