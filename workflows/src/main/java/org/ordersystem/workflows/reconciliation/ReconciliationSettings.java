package org.ordersystem.workflows.reconciliation;

import java.time.Duration;
import java.util.Objects;

/**
 * How reconciliation runs. Carried in each {@link ReconciliationRequest}, so a scheduled run, the
 * timer loop and a run started by an operator decide alike.
 *
 * @param interval time between two scheduled runs
 * @param window legs and provider records that changed within this much before a run are compared
 * @param grace a one-sided change younger than this is EXPECTED (in flight), not a mismatch yet
 * @param maxEventPages most pages of provider events one run ingests; the next run goes on
 * @param maxActions most mismatches and pending orders one run acts on; the next run takes the rest
 */
public record ReconciliationSettings(
    Duration interval, Duration window, Duration grace, int maxEventPages, int maxActions) {

  public ReconciliationSettings {
    requirePositive(interval, "interval");
    requirePositive(window, "window");
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    if (maxEventPages < 1) {
      throw new IllegalArgumentException("maxEventPages must be at least 1");
    }
    if (maxActions < 1) {
      throw new IllegalArgumentException("maxActions must be at least 1");
    }
  }

  /** Every 5 minutes over the last 7 days, 2 minutes of grace. */
  public static ReconciliationSettings defaults() {
    return new ReconciliationSettings(
        Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(2), 100, 200);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
