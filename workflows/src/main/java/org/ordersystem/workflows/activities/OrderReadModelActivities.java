package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundView;

/** Keeps the order read model in MySQL in step with the workflow; run as a local activity. */
@ActivityInterface
public interface OrderReadModelActivities {

  /**
   * Writes the order if its version is newer than the stored one; an older or equal version is
   * ignored, so retries and reordering never make the read model go back.
   */
  void recordOrder(OrderView order);

  /**
   * Writes a refund unless the stored one is further along (REQUESTED, then COMPLETED); replays and
   * late writes never make it go back.
   */
  void recordRefund(RefundView refund);
}
