package org.ordersystem.bench.ceiling;

import io.temporal.activity.ActivityInterface;

/** Activities that do nothing, standing in for the order's service calls and read-model writes. */
@ActivityInterface
public interface NoopActivities {

  /** A service call: returns at once. */
  void step(String idempotencyKey);

  /** A read-model write: returns at once. */
  void record(String orderId, long version);
}
