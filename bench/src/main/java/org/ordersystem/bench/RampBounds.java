package org.ordersystem.bench;

import java.time.Duration;

/**
 * What a sustainable step is: p99 completion within {@code p99Completion}, failures at most {@code
 * maxErrorRatio} of the orders sent, and completions keeping up with arrivals (at least {@code
 * minThroughputRatio} of the offered rate), so a backlog that would grow forever does not pass.
 */
public record RampBounds(Duration p99Completion, double maxErrorRatio, double minThroughputRatio) {

  public boolean sustained(
      long sent, long failed, double offeredRate, double throughput, double p99CompletionMs) {
    return sent > 0
        && failed <= maxErrorRatio * sent
        && p99CompletionMs <= p99Completion.toMillis()
        && throughput >= minThroughputRatio * offeredRate;
  }
}
