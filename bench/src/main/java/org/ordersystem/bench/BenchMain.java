package org.ordersystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ordersystem.activities.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark client: for each scenario a warm-up, then a ramp to the highest sustainable rate
 * and a steady step at a share of it (or one step at {@code --rate}), and for the order through
 * REST an overload step at a multiple of it; then the conservation check; then {@code result.json}
 * and {@code result.md}. {@code bench/run} starts the stack and runs this.
 */
public final class BenchMain {

  private static final Logger log = LoggerFactory.getLogger(BenchMain.class);
  private static final Duration SETTLE = Duration.ofSeconds(3);
  // The API's load bounds decide when it sheds, so they shape the figures as the workers' do.
  private static final Set<String> API_TUNING =
      Set.of(
          "ORDERS_API_MAX_PLACEMENTS_IN_FLIGHT",
          "ORDERS_API_MAX_TEMPORAL_CALLS",
          "ORDERS_API_SHED_RETRY_AFTER");

  private final BenchOptions options;
  private final ProcessCpu cpu;
  private final String runId = "b" + Long.toString(System.currentTimeMillis() / 1000, 36);
  private final List<String> shedIds = new ArrayList<>();

  private BenchMain(BenchOptions options) {
    this.options = options;
    Map<String, Long> pids = new LinkedHashMap<>(options.pids());
    pids.put("bench", ProcessHandle.current().pid());
    this.cpu = new ProcessCpu(pids, options.clockTicks());
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    BenchResult result = new BenchMain(options).run();
    ResultFiles.write(result, options.out());
    System.out.println(ResultFiles.markdown(result));
    System.out.println("Results in " + options.out().toAbsolutePath());
    System.exit(result.conservation() != null && result.conservation().passed() ? 0 : 1);
  }

  private BenchResult run() throws Exception {
    String startedAt = Instant.now().toString();
    String loadBefore = loadAverage();
    Conservation conservation =
        new Conservation(
            options.jdbcUrl("stock"),
            options.jdbcUrl("orders"),
            options.dbUser(),
            options.dbPassword(),
            options.apiBaseUrl(),
            options.operatorKey());
    Conservation.Snapshot before = conservation.snapshot();
    List<BenchResult.ScenarioResult> scenarios = new ArrayList<>();
    for (String name : options.scenarios()) {
      try (Scenario scenario = create(name)) {
        scenarios.add(measure(scenario));
      }
    }
    log.info("Checking that every order is final and stock and money are conserved");
    Conservation.Verdict verdict;
    try {
      verdict = conservation.verify(before, List.of(runId), shedIds);
    } catch (Exception e) {
      // The figures are written all the same; the result says the check did not run.
      log.error("The check after the run failed", e);
      verdict = Conservation.notChecked(before, shedIds.size(), e);
    }
    return new BenchResult(
        options.label(),
        options.server(),
        options.commit(),
        startedAt,
        Instant.now().toString(),
        machine(loadBefore),
        settings(),
        scenarios,
        ratios(scenarios),
        verdict);
  }

  private Scenario create(String name) {
    return switch (name) {
      case "order" ->
          new RestOrderScenario(
              options.apiBaseUrl(),
              options.shopKey(),
              new ReadModelWatcher(
                  options.jdbcUrl("orders"),
                  options.dbUser(),
                  options.dbPassword(),
                  options.pollMillis()));
      case "ceiling" -> new CeilingScenario(options.temporalTarget(), options.namespace(), 3);
      case "baseline" ->
          new BaselineScenario(
              new ServiceClients.Targets(
                  options.stockTarget(), options.shippingTarget(), options.paymentTarget()),
              options.jdbcUrl("orders"),
              options.dbUser(),
              options.dbPassword(),
              options.baselineThreads(),
              options.baselineDbPool());
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }

  private BenchResult.ScenarioResult measure(Scenario scenario) throws InterruptedException {
    String name = scenario.name();
    if (!options.warmup().isZero()) {
      log.info("{}: warm-up at {}/s for {}", name, options.warmupRate(), options.warmup());
      step(scenario, "w", options.warmupRate(), options.warmup());
    }
    if (options.fixedRate() != null) {
      StepResult only = step(scenario, "f", options.fixedRate(), options.stepDuration());
      double passed = only.sustained() ? only.offeredRate() : 0;
      return new BenchResult.ScenarioResult(
          name, List.of(), passed, only, overload(scenario, passed));
    }
    Ramp ramp =
        new Ramp(options.startRate(), options.factor(), options.refinements(), options.maxRate());
    List<StepResult> steps = new ArrayList<>();
    int n = 0;
    for (var rate = ramp.next(); rate.isPresent(); rate = ramp.next()) {
      StepResult step = step(scenario, "r" + n++, rate.getAsDouble(), options.stepDuration());
      steps.add(step);
      ramp.report(step.sustained());
    }
    double highest = ramp.highestSustained();
    StepResult steady =
        highest > 0
            ? step(
                scenario,
                "s",
                Math.max(1, Math.round(highest * options.steadyShare())),
                options.steadyDuration())
            : null;
    return new BenchResult.ScenarioResult(
        name, steps, highest, steady, overload(scenario, highest));
  }

  /**
   * The overload step, after the steady one: {@code overloadFactor} times the highest sustainable
   * rate, for a scenario that sheds load; null when it does not run. Open model as every step: the
   * sender keeps the rate whatever the answers, as shops' customers do.
   */
  private BenchResult.Overload overload(Scenario scenario, double highest)
      throws InterruptedException {
    double factor = options.overloadFactor();
    if (!scenario.sheds() || highest <= 0 || factor <= 0 || options.overloadDuration().isZero()) {
      return null;
    }
    double rate = Math.max(1, Math.round(highest * factor));
    log.info("{}: overload at {}/s, {} times {}/s", scenario.name(), rate, factor, highest);
    StepResult step =
        step(scenario, "o", rate, options.overloadDuration(), options.overloadDrain());
    BenchResult.Overload verdict = options.overloadBounds().judge(factor, highest, step);
    log.info(
        "{} overload: accepted {}, shed {}, failed before acceptance {}, accepted but not completed"
            + " {}, accept p99 {} ms: {}",
        scenario.name(),
        step.accepted(),
        step.shed(),
        verdict.failedUnaccepted(),
        verdict.acceptedNotCompleted(),
        step.accept().p99(),
        verdict.passed() ? "passed" : "FAILED");
    return verdict;
  }

  private StepResult step(Scenario scenario, String stepId, double rate, Duration duration)
      throws InterruptedException {
    return step(scenario, stepId, rate, duration, options.drainTimeout());
  }

  private StepResult step(
      Scenario scenario, String stepId, double rate, Duration duration, Duration drain)
      throws InterruptedException {
    // The settling pause also measures what each process burns with no orders arriving (timers,
    // sweeps, polls), which a step's CPU per order includes.
    Map<String, Double> settleStart = cpu.read();
    Thread.sleep(SETTLE.toMillis());
    ArrivalSchedule schedule = new ArrivalSchedule(rate, duration);
    Map<String, Double> cpuBefore = cpu.read();
    Map<String, Double> idleCores = new LinkedHashMap<>();
    ProcessCpu.difference(settleStart, cpuBefore)
        .forEach((p, s) -> idleCores.put(p, s / (SETTLE.toMillis() / 1000.0)));
    long start = System.nanoTime();
    StepRecorder rec =
        OpenLoop.run(
            scenario, schedule, runId + "-" + scenario.name().charAt(0) + stepId + "-", drain);
    Map<String, Double> used = ProcessCpu.difference(cpuBefore, cpu.read());
    shedIds.addAll(rec.shedIds());
    double seconds = duration.toNanos() / 1e9;
    double span = Math.max(seconds, (rec.lastEndNanos() - start) / 1e9);
    double throughput = rec.completed() / span;
    StepResult.Percentiles completion = StepResult.Percentiles.of(rec.completionMicros());
    Map<String, Double> perOrder = new LinkedHashMap<>();
    used.forEach((p, s) -> perOrder.put(p, rec.sent() == 0 ? Double.NaN : s / rec.sent()));
    boolean sustained =
        options
            .bounds()
            .sustained(rec.sent(), rec.failed(), rec.shed(), rate, throughput, completion.p99());
    StepResult result =
        new StepResult(
            scenario.name(),
            rate,
            seconds,
            rec.sent(),
            rec.accepted(),
            rec.completed(),
            rec.failed(),
            rec.failureKinds(),
            throughput,
            rec.sent() == 0 ? 0 : (double) rec.failed() / rec.sent(),
            StepResult.Percentiles.of(rec.acceptMicros()),
            completion,
            perOrder,
            idleCores,
            sustained,
            rec.shed(),
            rec.sent() == 0 ? 0 : (double) rec.shed() / rec.sent(),
            StepResult.Percentiles.of(rec.shedMicros()));
    log.info(
        "{} {} at {}/s: sent {}, completed {}, failed {} {}, shed {}, {} orders/s, completion p50 {}"
            + " ms p99 {} ms, accept p99 {} ms: {}",
        scenario.name(),
        stepId,
        rate,
        rec.sent(),
        rec.completed(),
        rec.failed(),
        rec.failureKinds(),
        rec.shed(),
        String.format("%.1f", throughput),
        completion.p50(),
        completion.p99(),
        result.accept().p99(),
        sustained ? "sustained" : "NOT sustained");
    return result;
  }

  private static Map<String, Double> ratios(List<BenchResult.ScenarioResult> scenarios) {
    Map<String, Double> rate = new TreeMap<>();
    scenarios.forEach(s -> rate.put(s.name(), s.highestSustainedRate()));
    Map<String, Double> ratios = new LinkedHashMap<>();
    Double order = rate.get("order");
    for (String other : List.of("ceiling", "baseline")) {
      Double o = rate.get(other);
      if (order != null && o != null && o > 0) {
        ratios.put("order/" + other, Math.round(order / o * 100) / 100.0);
      }
    }
    return ratios;
  }

  private BenchResult.Settings settings() {
    Map<String, String> tuning = new TreeMap<>();
    System.getenv()
        .forEach(
            (k, v) -> {
              if (k.startsWith("ORDERS_WORKER_")
                  || API_TUNING.contains(k)
                  || k.equals("BENCH_JAVA_OPTS")) {
                tuning.put(k, v);
              }
            });
    return new BenchResult.Settings(
        options.bounds().p99Completion().toMillis(),
        options.bounds().maxErrorRatio(),
        options.bounds().minThroughputRatio(),
        options.stepDuration().toMillis() / 1000.0,
        options.steadyDuration().toMillis() / 1000.0,
        options.steadyShare(),
        options.warmup().toMillis() / 1000.0,
        options.pollMillis(),
        tuning,
        options.bounds().maxShedRatio(),
        options.overloadFactor(),
        options.overloadDuration().toMillis() / 1000.0);
  }

  private static BenchResult.Machine machine(String loadBefore) {
    return new BenchResult.Machine(
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        loadBefore,
        loadAverage());
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
