package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundView;

/** Keeps the order read model in MySQL in step with the workflow; run as a local activity. */
@ActivityInterface
public interface OrderReadModelActivities {

  /**
   * What a write of an order did.
   *
   * @param applied whether it changed the model
   * @param storedVersion the version the model holds after it
   */
  record RecordedOrder(boolean applied, long storedVersion) {}

  /**
   * Writes the order if its version is newer than the stored one; an older or equal version is
   * ignored, so retries and reordering never make the read model go back.
   *
   * @return what the write did; null in histories recorded while this returned nothing
   */
  RecordedOrder recordOrder(OrderView order);

  /**
   * Writes a refund unless the stored one is further along (REQUESTED, then COMPLETED); replays and
   * late writes never make it go back.
   */
  void recordRefund(RefundView refund);
}
