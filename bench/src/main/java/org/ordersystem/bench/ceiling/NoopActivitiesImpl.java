package org.ordersystem.bench.ceiling;

/** Returns at once: the ceiling measures Temporal, not the work. */
public final class NoopActivitiesImpl implements NoopActivities {

  @Override
  public void step(String idempotencyKey) {}

  @Override
  public void record(String orderId, long version) {}
}
