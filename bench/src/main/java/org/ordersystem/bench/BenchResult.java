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
   * @param workerTuning the variables set for the run that tune the parts: {@code ORDERS_WORKER_*},
   *     the API's load bounds ({@code ORDERS_API_MAX_PLACEMENTS_IN_FLIGHT}, ...) and {@code
   *     BENCH_JAVA_OPTS}; a default is not listed
   * @param maxShedRatio the share of a step's orders that may be shed (429) and the step still be
   *     sustainable
   * @param overloadFactor the overload step's rate over the highest sustainable rate; 0: no step
   * @param overloadSeconds length of the overload step's sending window
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
      double maxShedRatio,
      double overloadFactor,
      double overloadSeconds) {}

  /**
   * One scenario.
   *
   * @param highestSustainedRate the ramp's highest step that met the bounds; the fixed rate when
   *     there was no ramp and it passed; else 0
   * @param steady the step at {@code steadyShare} of that rate, or the fixed-rate step
   * @param overload the step at {@code overloadFactor} times that rate, for a scenario that sheds
   *     load (the order through REST); null when it did not run
   */
  public record ScenarioResult(
      String name,
      List<StepResult> ramp,
      double highestSustainedRate,
      StepResult steady,
      Overload overload) {}

  /**
   * The overload step and its verdict ({@link OverloadBounds}).
   *
   * @param factor the step's rate over {@code baseRate}
   * @param baseRate the highest sustainable rate
   * @param acceptP99BoundMs the bound on the accepted orders' accept p99
   * @param failedUnaccepted orders neither accepted nor shed: error answers (a 429 without
   *     Retry-After included), rejections, no answer
   * @param acceptedNotCompleted accepted orders that failed later or did not end within the drain
   * @param acceptWithinBound some orders were accepted, with accept p99 within the bound
   * @param excessShed what was not accepted was shed: {@code failedUnaccepted} within the error
   *     bound
   * @param everyAcceptedCompleted {@code acceptedNotCompleted} is 0
   * @param passed all three
   */
  public record Overload(
      double factor,
      double baseRate,
      double acceptP99BoundMs,
      StepResult step,
      long failedUnaccepted,
      long acceptedNotCompleted,
      boolean acceptWithinBound,
      boolean excessShed,
      boolean everyAcceptedCompleted,
      boolean passed) {}
}
