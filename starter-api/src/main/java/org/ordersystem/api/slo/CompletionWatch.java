package org.ordersystem.api.slo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the orders this API placed until they are final, and turns each into one event of the
 * completion objective, one {@code orders_outcomes_total{status, reason}} and one {@code
 * orders_completion_seconds} observation.
 *
 * <p>An order is good when it is final within the threshold, bad when the threshold passes first;
 * it is still followed after that (up to the watch limit) so that the histogram and the outcome
 * counter see how it ended. Placements are watched in memory by the API process that served them:
 * each order counts once, and a restart forgets the orders in flight.
 */
public class CompletionWatch {

  /** The completion histogram; Prometheus shows {@code orders_completion_seconds}. */
  public static final String COMPLETION_TIMER = "orders.completion";

  /** Orders by how they ended; Prometheus shows {@code orders_outcomes_total}. */
  public static final String OUTCOME_COUNTER = "orders.outcomes";

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30)
  };

  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final SloEvaluator evaluator;
  private final OrderOutcomes outcomes;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Duration threshold;
  private final Duration watchLimit;

  public CompletionWatch(
      SloEvaluator evaluator,
      OrderOutcomes outcomes,
      MeterRegistry registry,
      Clock clock,
      SloProperties properties) {
    this.evaluator = evaluator;
    this.outcomes = outcomes;
    this.registry = registry;
    this.clock = clock;
    this.threshold = properties.completionThreshold();
    this.watchLimit = properties.completionWatchLimit();
  }

  /** Starts following an order just placed; a replayed placement of a watched order is ignored. */
  public void watch(String orderId) {
    watched.putIfAbsent(orderId, new Watched(clock.instant(), false));
  }

  int watching() {
    return watched.size();
  }

  /** Reads where the watched orders stand and counts those that ended or ran out of time. */
  public void check() {
    if (watched.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Map<String, OrderOutcomes.Outcome> found = outcomes.find(watched.keySet());
    for (Iterator<Map.Entry<String, Watched>> it = watched.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Watched> entry = it.next();
      Watched w = entry.getValue();
      OrderOutcomes.Outcome outcome = found.get(entry.getKey());
      if (outcome != null && outcome.status().isFinal()) {
        // The last write of a final order is when it became final, to the read model's accuracy.
        Duration took = Duration.between(w.placedAt(), outcome.updatedAt());
        if (took.isNegative()) {
          took = Duration.ZERO;
        }
        if (!w.counted()) {
          evaluator.record(Slo.ORDER_COMPLETION, took.compareTo(threshold) <= 0);
        }
        ended(outcome.status().name(), outcome.reason(), took);
        it.remove();
        continue;
      }
      Duration age = Duration.between(w.placedAt(), now);
      if (!w.counted() && age.compareTo(threshold) > 0) {
        evaluator.record(Slo.ORDER_COMPLETION, false);
        entry.setValue(new Watched(w.placedAt(), true));
      }
      if (age.compareTo(watchLimit) > 0) {
        ended(outcome == null ? "UNKNOWN" : outcome.status().name(), "UNFINISHED", age);
        it.remove();
      }
    }
  }

  private void ended(String status, String reason, Duration took) {
    Timer.builder(COMPLETION_TIMER)
        .description("From placement to a final state, by final status")
        .tag("status", status)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(took);
    Counter.builder(OUTCOME_COUNTER)
        .description("Placed orders by how they ended and why")
        .tag("status", status)
        .tag("reason", reason == null ? "none" : reason)
        .register(registry)
        .increment();
  }

  /**
   * @param counted whether its completion event was already recorded (as bad, at the threshold)
   */
  private record Watched(Instant placedAt, boolean counted) {}
}
