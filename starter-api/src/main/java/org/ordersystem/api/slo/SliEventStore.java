package org.ordersystem.api.slo;

import java.time.Duration;
import java.time.Instant;

/**
 * Good and bad events of one service level indicator, counted in a ring of time buckets that spans
 * the budget period: constant memory whatever the traffic, and a window's counts are a sum over its
 * buckets.
 *
 * <p>In memory, for one API process: a restart forgets the past budget period (the burn rates start
 * again from zero), and with several API replicas each evaluates the placements it served. The
 * durable, cross-process view is Prometheus over the {@code orders_*} metrics; this store is what
 * lets the system page without one.
 */
final class SliEventStore {

  /** Events counted over a window. */
  record Counts(long good, long bad) {

    long total() {
      return good + bad;
    }

    /** The share of bad events; 0 without events, since no traffic burns no budget. */
    double errorRate() {
      return total() == 0 ? 0 : (double) bad / total();
    }
  }

  private final long bucketMillis;
  private final long[] bucketIndex;
  private final long[] good;
  private final long[] bad;

  /**
   * @param span the longest window asked for; the ring keeps one bucket more so that a window
   *     ending inside the current bucket still reaches back its whole length
   */
  SliEventStore(Duration bucket, Duration span) {
    this.bucketMillis = bucket.toMillis();
    int size = (int) Math.min(Integer.MAX_VALUE - 8, span.toMillis() / bucketMillis + 2);
    this.bucketIndex = new long[size];
    this.good = new long[size];
    this.bad = new long[size];
    java.util.Arrays.fill(bucketIndex, -1);
  }

  synchronized void record(Instant at, boolean isGood) {
    long index = at.toEpochMilli() / bucketMillis;
    int slot = (int) (index % bucketIndex.length);
    if (bucketIndex[slot] != index) {
      // The slot last held a bucket one ring ago, or nothing: start it afresh.
      bucketIndex[slot] = index;
      good[slot] = 0;
      bad[slot] = 0;
    }
    if (isGood) {
      good[slot]++;
    } else {
      bad[slot]++;
    }
  }

  /** The events of the {@code window} that ends at {@code now}, in whole buckets. */
  synchronized Counts window(Instant now, Duration window) {
    long last = now.toEpochMilli() / bucketMillis;
    long buckets = Math.max(1, window.toMillis() / bucketMillis);
    long first = Math.max(0, last - buckets + 1);
    long goodSum = 0;
    long badSum = 0;
    for (long index = first; index <= last; index++) {
      int slot = (int) (index % bucketIndex.length);
      if (bucketIndex[slot] == index) {
        goodSum += good[slot];
        badSum += bad[slot];
      }
    }
    return new Counts(goodSum, badSum);
  }
}
