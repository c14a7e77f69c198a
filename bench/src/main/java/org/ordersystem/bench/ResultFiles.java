package org.ordersystem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's {@code result.json} and {@code result.md} (the tables docs/performance.md quotes).
 */
public final class ResultFiles {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultFiles() {}

  public static void write(BenchResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve("result.json").toFile(), result);
    Files.writeString(dir.resolve("result.md"), markdown(result));
  }

  static String markdown(BenchResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark ")
        .append(r.label())
        .append(" (")
        .append(r.server())
        .append(" server)\n\n");
    md.append("Commit `").append(r.commit()).append("`, ").append(r.startedAt()).append(" to ");
    md.append(r.finishedAt()).append(". Machine: ").append(r.machine().cores()).append(" cores, ");
    md.append(r.machine().cpu()).append(", ").append(r.machine().java()).append("; load average ");
    md.append(r.machine().loadBefore()).append(" before, ").append(r.machine().loadAfter());
    md.append(" after.\n\n");
    BenchResult.Settings s = r.settings();
    md.append(
        String.format(
            Locale.ROOT,
            "Sustainable: p99 completion <= %.0f ms, errors <= %.1f%%, shed (429) <= %.1f%%,"
                + " throughput >= %.0f%% of offered; ramp steps of %.0f s, steady run of %.0f s at %.0f%% of the highest"
                + " sustainable rate, after a %.0f s warm-up. Latencies from the intended start"
                + " (open model); REST completions seen by polling the read model every %d ms.\n\n",
            s.p99BoundMs(),
            s.maxErrorRatio() * 100,
            s.maxShedRatio() * 100,
            s.minThroughputRatio() * 100,
            s.stepSeconds(),
            s.steadySeconds(),
            s.steadyShare() * 100,
            s.warmupSeconds(),
            s.completionPollMs()));
    md.append("| scenario | highest sustainable rate (orders/s) | steady rate | throughput |");
    md.append(" accept p50 / p99 (ms) | completion p50 / p99 / max (ms) | errors | shed |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (BenchResult.ScenarioResult sc : r.scenarios()) {
      StepResult st = sc.steady();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %s | %s | %s | %s | %s | %s |\n",
              sc.name(),
              sc.highestSustainedRate(),
              st == null ? "-" : String.format(Locale.ROOT, "%.0f", st.offeredRate()),
              st == null ? "-" : String.format(Locale.ROOT, "%.1f", st.throughput()),
              st == null ? "-" : st.accept().p50() + " / " + st.accept().p99(),
              st == null
                  ? "-"
                  : st.completion().p50()
                      + " / "
                      + st.completion().p99()
                      + " / "
                      + st.completion().max(),
              st == null ? "-" : st.failed() + " of " + st.sent(),
              st == null ? "-" : Long.toString(st.shed())));
    }
    md.append('\n');
    r.ratios().forEach((k, v) -> md.append(String.format(Locale.ROOT, "- %s: %.2f\n", k, v)));
    md.append('\n');
    md.append(cpuTable(r));
    md.append("\n## Ramp steps\n\n");
    md.append(
        "| scenario | offered | sent | throughput | completion p50 / p99 (ms) | errors | shed |"
            + " sustained |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (BenchResult.ScenarioResult sc : r.scenarios()) {
      for (StepResult st : sc.ramp()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %d | %.1f | %s / %s | %d %s | %d | %s |\n",
                sc.name(),
                st.offeredRate(),
                st.sent(),
                st.throughput(),
                st.completion().p50(),
                st.completion().p99(),
                st.failed(),
                st.failureKinds().isEmpty() ? "" : st.failureKinds().toString(),
                st.shed(),
                st.sustained() ? "yes" : "no"));
      }
    }
    md.append(overloadTable(r));
    Conservation.Verdict v = r.conservation();
    md.append("\n## Check after the run\n\n");
    if (v == null) {
      md.append("Not run.\n");
    } else {
      md.append(v.passed() ? "Passed" : "FAILED").append(": orders by status ");
      md.append(v.ordersByStatus()).append(", ledger balanced ").append(v.ledgerBalanced());
      if (v.shedKeysKept() == 0 && v.shedPlacements() > 0) {
        md.append(", the ").append(v.shedPlacements()).append(" shed placements left no key");
      }
      md.append(v.problems().isEmpty() ? "" : ", problems " + v.problems()).append(".\n");
    }
    return md.toString();
  }

  /** The overload step of each scenario that ran one, with its verdict. */
  private static String overloadTable(BenchResult r) {
    List<BenchResult.ScenarioResult> overloaded =
        r.scenarios().stream().filter(sc -> sc.overload() != null).toList();
    if (overloaded.isEmpty()) {
      return "";
    }
    BenchResult.Overload first = overloaded.get(0).overload();
    StringBuilder md = new StringBuilder("\n## Overload\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "A step of %.0f s at %s times the highest sustainable rate, open model. It passes when"
                + " accept p99 <= %.0f ms, the orders not accepted were shed (429 with Retry-After)"
                + " rather than failed (errors before acceptance <= %.1f%% of those sent), and every"
                + " accepted order completed. Shed orders are not sent again.\n\n",
            first.step().seconds(),
            number(first.factor()),
            first.acceptP99BoundMs(),
            r.settings().maxErrorRatio() * 100));
    md.append(
        "| scenario | offered (orders/s) | sent | accepted | shed | errors | accept p50 / p99 / max"
            + " (ms) | shed answer p50 / p99 / max (ms) | completion p50 / p99 / max (ms) | every"
            + " accepted completed | verdict |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (BenchResult.ScenarioResult sc : overloaded) {
      BenchResult.Overload o = sc.overload();
      StepResult st = o.step();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %d | %d | %d | %d %s | %s | %s | %s | %s | %s |\n",
              sc.name(),
              st.offeredRate(),
              st.sent(),
              st.accepted(),
              st.shed(),
              st.failed(),
              st.failureKinds().isEmpty() ? "" : st.failureKinds().toString(),
              percentiles(st.accept()),
              percentiles(st.shedAnswer()),
              percentiles(st.completion()),
              o.everyAcceptedCompleted() ? "yes" : "no, " + o.acceptedNotCompleted() + " not",
              verdict(o)));
    }
    return md.toString();
  }

  private static String verdict(BenchResult.Overload o) {
    List<String> missed = new ArrayList<>();
    if (!o.acceptWithinBound()) {
      missed.add(o.step().accepted() == 0 ? "nothing accepted" : "accept p99 over the bound");
    }
    if (!o.excessShed()) {
      missed.add(o.failedUnaccepted() + " failed instead of shed");
    }
    if (!o.everyAcceptedCompleted()) {
      missed.add("accepted orders not completed");
    }
    String verdict = missed.isEmpty() ? "passed" : "FAILED: " + String.join(", ", missed);
    // With nothing shed the step never reached the API's bound: it did not test shedding.
    return o.step().shed() == 0 ? verdict + " (nothing shed)" : verdict;
  }

  /** p50 / p99 / max, or a dash when nothing was measured. */
  private static String percentiles(StepResult.Percentiles p) {
    return p.count() == 0 ? "-" : p.p50() + " / " + p.p99() + " / " + p.max();
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : Double.toString(d);
  }

  /**
   * The cores the measured processes kept busy over a step: its CPU over its span, from the first
   * intended start to the last end (the span its throughput is computed over).
   */
  static double coresBusy(StepResult step, double cpuMillisPerSentOrder) {
    double span =
        step.completed() > 0 && step.throughput() > 0
            ? Math.max(step.seconds(), step.completed() / step.throughput())
            : step.seconds();
    return cpuMillisPerSentOrder / 1000 * step.sent() / span;
  }

  /** CPU seconds per order of each process, in the steady step of each scenario. */
  private static String cpuTable(BenchResult r) {
    Set<String> processes = new LinkedHashSet<>();
    for (BenchResult.ScenarioResult sc : r.scenarios()) {
      if (sc.steady() != null) {
        processes.addAll(sc.steady().cpuSecondsPerOrder().keySet());
      }
    }
    if (processes.isEmpty()) {
      return "";
    }
    // Per sent order, shed ones included: at a rate that sheds, multiply by the orders sent (or
    // read the cores busy) rather than by the throughput, or the CPU used looks far smaller.
    StringBuilder md =
        new StringBuilder(
            "CPU milliseconds per sent order (steady step), and the cores all of them kept busy"
                + " over the step:\n\n| scenario |");
    processes.forEach(p -> md.append(' ').append(p).append(" |"));
    md.append(" total | cores busy |\n|---|");
    processes.forEach(p -> md.append("---:|"));
    md.append("---:|---:|\n");
    for (BenchResult.ScenarioResult sc : r.scenarios()) {
      if (sc.steady() == null) {
        continue;
      }
      Map<String, Double> cpu = sc.steady().cpuSecondsPerOrder();
      md.append("| ").append(sc.name()).append(" |");
      double total = 0;
      for (String p : processes) {
        double ms = cpu.getOrDefault(p, Double.NaN) * 1000;
        if (!Double.isNaN(ms)) {
          total += ms;
        }
        md.append(String.format(Locale.ROOT, " %.1f |", ms));
      }
      md.append(
          String.format(Locale.ROOT, " %.1f | %.2f |\n", total, coresBusy(sc.steady(), total)));
    }
    md.append(
        "\nBackground CPU (cores, with no orders arriving, just before the steady step):\n\n");
    md.append("| scenario |");
    processes.forEach(p -> md.append(' ').append(p).append(" |"));
    md.append("\n|---|");
    processes.forEach(p -> md.append("---:|"));
    md.append('\n');
    for (BenchResult.ScenarioResult sc : r.scenarios()) {
      if (sc.steady() == null || sc.steady().idleCores() == null) {
        continue;
      }
      md.append("| ").append(sc.name()).append(" |");
      for (String p : processes) {
        md.append(
            String.format(
                Locale.ROOT, " %.2f |", sc.steady().idleCores().getOrDefault(p, Double.NaN)));
      }
      md.append('\n');
    }
    return md.toString();
  }
}
