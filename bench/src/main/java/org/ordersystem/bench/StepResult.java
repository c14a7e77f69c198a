package org.ordersystem.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one step of a run measured.
 *
 * @param offeredRate orders per second the schedule sent
 * @param seconds length of the sending window
 * @param throughput orders completed per second, from the first intended start to the last end
 * @param failed orders that failed: an error answer (a 429 without Retry-After included), a
 *     rejection, or no end in time; shed orders are not among them
 * @param errorRatio failed orders over sent orders
 * @param accept latency percentiles in milliseconds, from intended start to the placement's answer
 * @param completion latency percentiles in milliseconds, from intended start to the order's end
 * @param cpuSecondsPerOrder CPU seconds each process used during the step, per sent order
 * @param idleCores CPU each process used, in cores, in the seconds before the step with no orders
 *     arriving: background work that {@code cpuSecondsPerOrder} includes
 * @param sustained whether the step met the ramp's bounds
 * @param shed orders the API refused at once with 429 and Retry-After: they never existed, and
 *     count in {@code sent} but not in {@code accepted}, {@code completed} or {@code failed}
 * @param shedRatio shed orders over sent orders
 * @param shedAnswer latency percentiles in milliseconds, from intended start to the 429
 */
public record StepResult(
    String scenario,
    double offeredRate,
    double seconds,
    long sent,
    long accepted,
    long completed,
    long failed,
    Map<String, Long> failureKinds,
    double throughput,
    double errorRatio,
    Percentiles accept,
    Percentiles completion,
    Map<String, Double> cpuSecondsPerOrder,
    Map<String, Double> idleCores,
    boolean sustained,
    long shed,
    double shedRatio,
    Percentiles shedAnswer) {

  /** Latency percentiles in milliseconds. */
  public record Percentiles(
      long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Percentiles of(Histogram micros) {
      return new Percentiles(
          micros.getTotalCount(),
          ms(micros.getValueAtPercentile(50)),
          ms(micros.getValueAtPercentile(90)),
          ms(micros.getValueAtPercentile(99)),
          ms(micros.getValueAtPercentile(99.9)),
          ms(micros.getMaxValue()),
          Math.round(micros.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
      return Math.round(micros / 100.0) / 10.0;
    }
  }
}
