package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.model.OrderView;

/** Keeps the order read model in MySQL in step with the workflow; run as a local activity. */
@ActivityInterface
public interface OrderReadModelActivities {

  /**
   * Writes the order if its version is newer than the stored one; an older or equal version is
   * ignored, so retries and reordering never make the read model go back.
   */
  void recordOrder(OrderView order);
}
