package org.ordersystem.bench;

import java.time.Duration;

/**
 * When each order of an open-model run is due: order {@code i} at {@code i / rate} seconds after
 * the start, whatever happened to the orders before it. Latencies are measured from these intended
 * times, not from when a request actually left, so a system that stalls is charged for the orders
 * that queued behind the stall (no coordinated omission).
 */
public record ArrivalSchedule(double ratePerSecond, Duration duration) {

  public ArrivalSchedule {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
  }

  /** How many orders the run sends. */
  public long orders() {
    return (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
  }

  /** Nanoseconds from the start of the run to the intended start of order {@code i}. */
  public long offsetNanos(long i) {
    return Math.round(i * 1e9 / ratePerSecond);
  }
}
