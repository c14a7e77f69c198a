package org.ordersystem.api.dev;

/**
 * Faults injected into one service; all zero means healthy.
 *
 * @param errorRate share of calls failing with UNAVAILABLE, 0 to 1
 * @param latencyMs added to every call
 * @param outage every call fails with UNAVAILABLE
 * @param commitThenTimeout every call does its work, then answers DEADLINE_EXCEEDED
 * @param duplicateEvents psp only, its event feed: every event delivered twice
 * @param reorderEvents psp only, its event feed: pages shuffled, one event per page held back
 */
public record Faults(
    double errorRate,
    long latencyMs,
    boolean outage,
    boolean commitThenTimeout,
    boolean duplicateEvents,
    boolean reorderEvents) {

  public static final Faults NONE = new Faults(0, 0, false, false);

  /** Faults of the rpcs only. */
  public Faults(double errorRate, long latencyMs, boolean outage, boolean commitThenTimeout) {
    this(errorRate, latencyMs, outage, commitThenTimeout, false, false);
  }
}
