package org.ordersystem.bench;

/**
 * One order of a run: its scenario reports when it was accepted (the placement answered) and when
 * it completed, or why it failed. The first terminal report wins; later ones are ignored, so a
 * scenario may report from racing threads.
 */
public interface OrderTracker {

  /** The intended start, {@link System#nanoTime()} scale. */
  long intendedNanos();

  /** The placement answered with an accepted order. */
  void accepted();

  /** The order reached its successful end. */
  void completed();

  /**
   * The order failed: an error answer, a rejection, or no end in time.
   *
   * @param kind a short label counted in the result, such as {@code http-503} or {@code REJECTED}
   */
  void failed(String kind);
}
