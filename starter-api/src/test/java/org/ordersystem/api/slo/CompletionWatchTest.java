package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.OrderStatus;

class CompletionWatchTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final SloProperties properties = SloEvaluatorTest.shortWindows(); // threshold 5 s
  private final SloEvaluator evaluator = new SloEvaluator(properties, clock);
  private final OrderOutcomes outcomes = mock(OrderOutcomes.class);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CompletionWatch watch =
      new CompletionWatch(evaluator, outcomes, registry, clock, properties);
  private final Map<String, OrderOutcomes.Outcome> stored = new HashMap<>();

  CompletionWatchTest() {
    when(outcomes.find(any())).thenAnswer(inv -> Map.copyOf(stored));
  }

  @Test
  void shouldCountAnOrderFinalWithinTheThresholdGood() {
    Instant placed = clock.instant();
    watch.watch("o-1");
    clock.advance(Duration.ofSeconds(2));
    stored.put("o-1", outcome("o-1", OrderStatus.COMPLETED, null, placed, clock.instant()));

    watch.check();

    SloStatus status = evaluator.evaluate(Slo.ORDER_COMPLETION);
    assertThat(status.goodEvents()).isEqualTo(1);
    assertThat(status.badEvents()).isZero();
    assertThat(watch.watching()).isZero();
    assertThat(
            registry
                .get(CompletionWatch.OUTCOME_COUNTER)
                .tags("status", "COMPLETED", "reason", "none")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountAnOrderStillRunningAtTheThresholdBadOnceAndFollowItToItsEnd() {
    Instant placed = clock.instant();
    watch.watch("o-2");
    stored.put("o-2", outcome("o-2", OrderStatus.PENDING, "STEP_TIMED_OUT", placed, placed));
    clock.advance(Duration.ofSeconds(6));
    watch.check();
    clock.advance(Duration.ofSeconds(6));
    watch.check();

    assertThat(evaluator.evaluate(Slo.ORDER_COMPLETION).badEvents()).isEqualTo(1);
    assertThat(watch.watching()).isEqualTo(1);

    stored.put(
        "o-2", outcome("o-2", OrderStatus.REJECTED, "PAYMENT_DECLINED", placed, clock.instant()));
    watch.check();

    SloStatus status = evaluator.evaluate(Slo.ORDER_COMPLETION);
    assertThat(status.badEvents()).isEqualTo(1);
    assertThat(status.goodEvents()).isZero();
    assertThat(
            registry
                .get(CompletionWatch.COMPLETION_TIMER)
                .tag("status", "REJECTED")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(12.0);
    assertThat(
            registry
                .get(CompletionWatch.OUTCOME_COUNTER)
                .tags("status", "REJECTED", "reason", "PAYMENT_DECLINED")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldGiveUpOnAnOrderAfterTheWatchLimit() {
    watch.watch("o-3");
    clock.advance(Duration.ofMinutes(2)); // the limit is a minute here
    watch.check();

    assertThat(watch.watching()).isZero();
    assertThat(
            registry
                .get(CompletionWatch.OUTCOME_COUNTER)
                .tags("status", "UNKNOWN", "reason", "UNFINISHED")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  private static OrderOutcomes.Outcome outcome(
      String id, OrderStatus status, String reason, Instant created, Instant updated) {
    return new OrderOutcomes.Outcome(id, status, "AUTHORIZE_PAYMENT", reason, created, updated);
  }
}
