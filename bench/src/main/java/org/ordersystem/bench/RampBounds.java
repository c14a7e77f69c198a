package org.ordersystem.bench;

import java.time.Duration;

/**
 * What a sustainable step is: p99 completion within {@code p99Completion}, failures at most {@code
 * maxErrorRatio} of the orders sent, sheds (429 with Retry-After) at most {@code maxShedRatio} of
 * them, and completions keeping up with arrivals (at least {@code minThroughputRatio} of the
 * offered rate), so a backlog that would grow forever does not pass.
 *
 * <p>A shed is not an error: the system kept its promise to answer at once and change nothing. But
 * a step that sheds did not take the rate it was offered, so sheds get a bound of their own rather
 * than none. The same ratio as errors (0.1% by default), not zero: one shed from a momentary stall
 * (a GC pause, a slow fsync) in a long step should not condemn a rate that otherwise holds, just as
 * one error does not; below 1000 orders a step, which is every step of a default ramp here, 0.1% is
 * less than one order and the bound is zero in effect.
 */
public record RampBounds(
    Duration p99Completion, double maxErrorRatio, double maxShedRatio, double minThroughputRatio) {

  public boolean sustained(
      long sent,
      long failed,
      long shed,
      double offeredRate,
      double throughput,
      double p99CompletionMs) {
    return sent > 0
        && failed <= maxErrorRatio * sent
        && shed <= maxShedRatio * sent
        && p99CompletionMs <= p99Completion.toMillis()
        && throughput >= minThroughputRatio * offeredRate;
  }
}
