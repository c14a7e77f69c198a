package org.ordersystem.api.dev;

/**
 * Faults injected into one service; all zero means healthy.
 *
 * @param errorRate share of calls failing with UNAVAILABLE, 0 to 1
 * @param latencyMs added to every call
 * @param outage every call fails with UNAVAILABLE
 * @param commitThenTimeout every call does its work, then answers DEADLINE_EXCEEDED
 */
public record Faults(double errorRate, long latencyMs, boolean outage, boolean commitThenTimeout) {

  public static final Faults NONE = new Faults(0, 0, false, false);
}
