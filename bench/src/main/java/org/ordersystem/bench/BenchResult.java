package org.ordersystem.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, as written to {@code result.json}.
 *
 * @param server {@code embedded} (in-process test server) or {@code dev} (temporal server start-dev
 *     with a database file)
 * @param commit the git commit measured
 * @param ratios {@code order/ceiling} and {@code order/baseline} of the highest sustainable rates
 */
public record BenchResult(
    String label,
    String server,
    String commit,
    String startedAt,
    String finishedAt,
    Machine machine,
    Settings settings,
    List<ScenarioResult> scenarios,
    Map<String, Double> ratios,
    Conservation.Verdict conservation) {

  /**
   * The machine and how busy it was.
   *
   * @param loadBefore the 1, 5 and 15 minute load averages when the run started
   * @param loadAfter the same when it ended
   */
  public record Machine(
      int cores, String cpu, String os, String java, String loadBefore, String loadAfter) {}

  /**
   * The settings that shape the figures.
   *
   * @param maxShedRatio the share of a step's orders that may be shed (429) and the step still be
   *     sustainable
   */
  public record Settings(
      double p99BoundMs,
      double maxErrorRatio,
      double minThroughputRatio,
      double stepSeconds,
      double steadySeconds,
      double steadyShare,
      double warmupSeconds,
      long completionPollMs,
      Map<String, String> workerTuning,
      double maxShedRatio) {}

  /**
   * One scenario.
   *
   * @param highestSustainedRate the ramp's highest step that met the bounds; the fixed rate when
   *     there was no ramp and it passed; else 0
   * @param steady the step at {@code steadyShare} of that rate, or the fixed-rate step
   */
  public record ScenarioResult(
      String name, List<StepResult> ramp, double highestSustainedRate, StepResult steady) {}
}
