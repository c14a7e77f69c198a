package org.ordersystem.api.slo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.ordersystem.metrics.DownstreamCallMetrics;

/**
 * Which downstream's errors or latency rose: snapshots of the per-downstream call meters ({@link
 * DownstreamCallMetrics}) taken on every evaluation, compared over a recent window against the
 * baseline before it.
 *
 * <p>It sees the calls made in this process: in the one-JVM stack those of the workers and the
 * payment service too; with the parts in separate processes, only the API's own calls, and the
 * dashboard's per-downstream panels are where to look.
 */
public class DownstreamTrends {

  /**
   * One downstream over the recent window and the baseline before it.
   *
   * @param errorsByCode the recent window's failed calls by gRPC code
   * @param rose whether its error rate or its mean latency rose markedly over the baseline
   */
  public record Trend(
      String downstream,
      long recentCalls,
      double recentErrorRate,
      double recentMeanMillis,
      long baselineCalls,
      double baselineErrorRate,
      double baselineMeanMillis,
      Map<String, Long> errorsByCode,
      boolean rose) {}

  /** Cumulative calls, failures by code and time of one downstream. */
  private record Totals(long calls, Map<String, Long> errors, double seconds) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private record Snapshot(Instant at, Map<String, Totals> byDownstream) {}

  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration keep;
  private final Deque<Snapshot> snapshots = new ArrayDeque<>();

  /**
   * @param keep how far back snapshots go: the baseline's start
   */
  public DownstreamTrends(MeterRegistry registry, Clock clock, Duration keep) {
    this.registry = registry;
    this.clock = clock;
    this.keep = keep;
  }

  /** Takes a snapshot now and drops those older than the baseline needs. */
  public synchronized void snapshot() {
    Instant now = clock.instant();
    snapshots.addLast(new Snapshot(now, totals()));
    while (snapshots.size() > 2 && snapshots.peekFirst().at().isBefore(now.minus(keep))) {
      snapshots.removeFirst();
    }
  }

  /**
   * Every downstream seen, the ones that rose first.
   *
   * @param recent the window just before now, compared with what came before it
   */
  public synchronized List<Trend> trends(Duration recent) {
    Map<String, Totals> now = totals();
    Map<String, Totals> recentStart = at(clock.instant().minus(recent));
    Map<String, Totals> baselineStart =
        snapshots.isEmpty() ? Map.of() : snapshots.peekFirst().byDownstream();
    List<Trend> trends = new ArrayList<>();
    for (String downstream : now.keySet()) {
      Totals end = now.get(downstream);
      Totals mid = recentStart.getOrDefault(downstream, zero());
      Totals start = baselineStart.getOrDefault(downstream, zero());
      long recentCalls = end.calls() - mid.calls();
      long baselineCalls = mid.calls() - start.calls();
      double recentErrors = rate(end.errorCount() - mid.errorCount(), recentCalls);
      double baselineErrors = rate(mid.errorCount() - start.errorCount(), baselineCalls);
      double recentMean = meanMillis(end.seconds() - mid.seconds(), recentCalls);
      double baselineMean = meanMillis(mid.seconds() - start.seconds(), baselineCalls);
      Map<String, Long> codes = new TreeMap<>();
      end.errors()
          .forEach(
              (code, n) -> {
                long delta = n - mid.errors().getOrDefault(code, 0L);
                if (delta > 0) {
                  codes.put(code, delta);
                }
              });
      // Latency can only rise against a baseline that had calls; errors also against none.
      boolean rose =
          recentCalls > 0
              && (recentErrors >= baselineErrors + 0.05
                  || (baselineCalls > 0
                      && recentMean > 2 * baselineMean
                      && recentMean - baselineMean > 50));
      trends.add(
          new Trend(
              downstream,
              recentCalls,
              recentErrors,
              recentMean,
              baselineCalls,
              baselineErrors,
              baselineMean,
              codes,
              rose));
    }
    trends.sort(
        (a, b) ->
            a.rose() != b.rose()
                ? (a.rose() ? -1 : 1)
                : Double.compare(b.recentErrorRate(), a.recentErrorRate()));
    return trends;
  }

  /** The newest snapshot at or before {@code instant}, else the oldest one. */
  private Map<String, Totals> at(Instant instant) {
    Snapshot chosen = snapshots.peekFirst();
    for (Snapshot s : snapshots) {
      if (s.at().isAfter(instant)) {
        break;
      }
      chosen = s;
    }
    return chosen == null ? Map.of() : chosen.byDownstream();
  }

  private Map<String, Totals> totals() {
    Map<String, long[]> calls = new HashMap<>();
    Map<String, Map<String, Long>> errors = new HashMap<>();
    Map<String, double[]> seconds = new HashMap<>();
    for (Timer timer : registry.find(DownstreamCallMetrics.CALL_TIMER).timers()) {
      String downstream = timer.getId().getTag(DownstreamCallMetrics.DOWNSTREAM_TAG);
      String code = timer.getId().getTag("code");
      long count = timer.count();
      calls.computeIfAbsent(downstream, d -> new long[1])[0] += count;
      seconds.computeIfAbsent(downstream, d -> new double[1])[0] +=
          timer.totalTime(TimeUnit.SECONDS);
      Map<String, Long> byCode = errors.computeIfAbsent(downstream, d -> new HashMap<>());
      if (!"OK".equals(code)) {
        byCode.merge(code, count, Long::sum);
      }
    }
    Map<String, Totals> totals = new HashMap<>();
    calls.forEach(
        (d, n) -> totals.put(d, new Totals(n[0], Map.copyOf(errors.get(d)), seconds.get(d)[0])));
    return totals;
  }

  private static Totals zero() {
    return new Totals(0, Map.of(), 0);
  }

  private static double rate(long errors, long calls) {
    return calls == 0 ? 0 : (double) errors / calls;
  }

  private static double meanMillis(double seconds, long calls) {
    return calls == 0 ? 0 : seconds * 1000 / calls;
  }
}
