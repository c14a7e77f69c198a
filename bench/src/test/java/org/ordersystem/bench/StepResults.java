package org.ordersystem.bench;

import java.util.Map;
import java.util.TreeMap;

/** Steps as the benchmark records them, for tests: an ordinary ramp step, a step under overload. */
final class StepResults {

  private StepResults() {}

  /** A step of 10 orders at {@code rate}, every latency alike, {@code shed} of them shed. */
  static StepResult step(String scenario, double rate, boolean sustained, long shed) {
    StepResult.Percentiles p = new StepResult.Percentiles(10, 100, 150, 200, 250, 300, 110);
    return new StepResult(
        scenario,
        rate,
        20,
        10,
        10,
        10,
        0,
        Map.of(),
        rate,
        0,
        p,
        p,
        new TreeMap<>(Map.of("api", 0.002, "workers", 0.004)),
        Map.of("api", 0.01),
        sustained,
        shed,
        shed / 10.0,
        new StepResult.Percentiles(shed, 2, 3, 4, 4, 5, 2.5));
  }

  /**
   * An overload step of the order at 51 orders/s for 15 s: {@code accepted} orders answered 2xx
   * with accept p99 {@code acceptP99Ms}, {@code completed} of them completed, {@code shed} shed,
   * the rest failed.
   */
  static StepResult overload(
      long sent, long accepted, long completed, long shed, double acceptP99Ms) {
    long failed = sent - completed - shed;
    return new StepResult(
        "order",
        51,
        15,
        sent,
        accepted,
        completed,
        failed,
        failed == 0 ? Map.of() : Map.of("http-503", failed),
        completed / 15.0,
        (double) failed / sent,
        new StepResult.Percentiles(
            accepted, acceptP99Ms / 2, acceptP99Ms, acceptP99Ms, acceptP99Ms, acceptP99Ms, 0),
        new StepResult.Percentiles(completed, 900, 2000, 4000, 4500, 5000, 1200),
        Map.of("api", 0.001),
        Map.of("api", 0.01),
        false,
        shed,
        (double) shed / sent,
        new StepResult.Percentiles(shed, 1.5, 3, 8, 9, 9.5, 2));
  }
}
