package org.ordersystem.bench;

/**
 * One order of a run: its scenario reports when it was accepted (the placement answered) and when
 * it completed, why it failed, or that it was shed. The first terminal report wins; later ones are
 * ignored, so a scenario may report from racing threads.
 */
public interface OrderTracker {

  /** The intended start, {@link System#nanoTime()} scale. */
  long intendedNanos();

  /** The placement answered with an accepted order. */
  void accepted();

  /** The order reached its successful end. */
  void completed();

  /**
   * The placement was refused at the door (429 with Retry-After): the system said it could not take
   * the order now, before doing anything with it. The order ends here and never exists, so nothing
   * waits for its completion; it is neither an error nor a success.
   */
  void shed();

  /**
   * The order failed: an error answer, a rejection, or no end in time.
   *
   * @param kind a short label counted in the result, such as {@code http-503} or {@code REJECTED}
   */
  void failed(String kind);
}
