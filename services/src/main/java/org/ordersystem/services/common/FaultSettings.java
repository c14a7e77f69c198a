package org.ordersystem.services.common;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults a service injects into its own rpcs, switchable at run time. Each call reads one
 * consistent {@link Values} when it starts.
 */
public final class FaultSettings {

  /** Longest latency that may be injected, so a typo cannot park server threads for hours. */
  public static final long MAX_LATENCY_MS = 60_000;

  /**
   * Faults in force; all zero means healthy.
   *
   * @param errorRate share of calls failing with UNAVAILABLE before doing anything, 0 to 1
   * @param latencyMs added before every call runs
   * @param outage every call fails with UNAVAILABLE before doing anything
   * @param commitThenTimeout every call does its work and commits, then answers DEADLINE_EXCEEDED
   * @param duplicateEvents PSP event feed only: every event is delivered twice
   * @param reorderEvents PSP event feed only: pages shuffled, one event per page held back
   */
  public record Values(
      double errorRate,
      long latencyMs,
      boolean outage,
      boolean commitThenTimeout,
      boolean duplicateEvents,
      boolean reorderEvents) {

    public static final Values NONE = new Values(0, 0, false, false);

    /** Faults of the rpcs only, delivery untouched. */
    public Values(double errorRate, long latencyMs, boolean outage, boolean commitThenTimeout) {
      this(errorRate, latencyMs, outage, commitThenTimeout, false, false);
    }

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException naming the field out of range
     */
    public Values {
      if (!(errorRate >= 0 && errorRate <= 1)) {
        throw new IllegalArgumentException("error_rate must be within [0, 1], got " + errorRate);
      }
      if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
        throw new IllegalArgumentException(
            "latency_ms must be within [0, " + MAX_LATENCY_MS + "], got " + latencyMs);
      }
    }
  }

  private final AtomicReference<Values> current = new AtomicReference<>(Values.NONE);

  public Values current() {
    return current.get();
  }

  public void set(Values values) {
    current.set(values);
  }

  public void clear() {
    current.set(Values.NONE);
  }
}
