package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {

  private static final Duration S = Duration.ofSeconds(1);

  /** 99% objectives, 1-second buckets; windows of a minute rather than an hour, and so on. */
  static SloProperties shortWindows() {
    return shortWindows(null);
  }

  /** The same, the report's sample order linked to its traces at {@code traceSearchUrl}. */
  static SloProperties shortWindows(String traceSearchUrl) {
    return new SloProperties(
        true,
        S,
        S,
        Duration.ofHours(1),
        0.99,
        0.99,
        Duration.ofSeconds(5),
        Duration.ofMinutes(1),
        new SloProperties.Alert(Duration.ofSeconds(60), Duration.ofSeconds(10), 14.4),
        new SloProperties.Alert(Duration.ofSeconds(300), Duration.ofSeconds(30), 6.0),
        new SloProperties.Alert(Duration.ofSeconds(3600), Duration.ofSeconds(300), 1.0),
        null,
        null,
        null,
        traceSearchUrl);
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00.500Z"));
  private final SloEvaluator evaluator = new SloEvaluator(shortWindows(), clock);

  @Test
  void shouldHaveTheWholeBudgetAndNoBurnWithoutEvents() {
    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);

    assertThat(status.budgetLeft()).isEqualTo(1.0);
    assertThat(status.alerts()).allSatisfy(a -> assertThat(a.longBurnRate()).isZero());
    assertThat(status.firing()).isNull();
  }

  @Test
  void shouldComputeBurnRateAsErrorRateOverTheAllowedErrorRate() {
    record(Slo.ORDER_ACCEPTANCE, 80, 20); // 20% bad, 20 times the 1% allowed

    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);

    SloStatus.AlertStatus fast = status.alerts().get(0);
    assertThat(fast.alert()).isEqualTo("OrderAcceptanceBurnPage");
    assertThat(fast.longBurnRate()).isCloseTo(20.0, within(1e-9));
    assertThat(fast.shortBurnRate()).isCloseTo(20.0, within(1e-9));
    assertThat(fast.firing()).isTrue();
    assertThat(status.firing()).isEqualTo(SloProperties.Severity.PAGE);
    assertThat(status.pages()).isTrue();
    // 20% bad against 1% allowed: the budget is spent nineteen times over.
    assertThat(status.budgetLeft()).isCloseTo(-19.0, within(1e-9));
    assertThat(status.goodEvents()).isEqualTo(80);
    assertThat(status.badEvents()).isEqualTo(20);
  }

  @Test
  void shouldStopFiringOnceTheShortWindowIsCleanThoughTheLongOneStillBurns() {
    record(Slo.ORDER_ACCEPTANCE, 0, 10);
    clock.advance(Duration.ofSeconds(15));
    record(Slo.ORDER_ACCEPTANCE, 10, 0);

    SloStatus.AlertStatus fast = evaluator.evaluate(Slo.ORDER_ACCEPTANCE).alerts().get(0);

    assertThat(fast.longBurnRate()).isCloseTo(50.0, within(1e-9));
    assertThat(fast.shortBurnRate()).isZero();
    assertThat(fast.firing()).isFalse();
  }

  @Test
  void shouldNotFireOnAShortSpikeTheLongWindowDilutes() {
    record(Slo.ORDER_ACCEPTANCE, 990, 0);
    clock.advance(Duration.ofSeconds(50));
    record(Slo.ORDER_ACCEPTANCE, 0, 5);

    SloStatus.AlertStatus fast = evaluator.evaluate(Slo.ORDER_ACCEPTANCE).alerts().get(0);

    assertThat(fast.shortBurnRate()).isCloseTo(100.0, within(1e-9));
    assertThat(fast.longBurnRate()).isCloseTo(0.5025, within(1e-3));
    assertThat(fast.firing()).isFalse();
  }

  @Test
  void shouldRaiseOnlyATicketForASlowSteadyBurn() {
    // 2% bad for the whole hour: burn 2, above the ticket's 1 and below the pages' 6 and 14.4.
    for (int minute = 0; minute < 60; minute++) {
      record(Slo.ORDER_COMPLETION, 49, 1);
      clock.advance(Duration.ofMinutes(1));
    }

    SloStatus status = evaluator.evaluate(Slo.ORDER_COMPLETION);

    assertThat(status.firing()).isEqualTo(SloProperties.Severity.TICKET);
    assertThat(status.pages()).isFalse();
    assertThat(status.alerts().get(2).alert()).isEqualTo("OrderCompletionBurnTicket");
    assertThat(status.alerts().get(2).longBurnRate()).isCloseTo(2.0, within(0.05));
  }

  @Test
  void shouldForgetEventsOlderThanTheWindowAndTheBudgetPeriod() {
    record(Slo.ORDER_ACCEPTANCE, 0, 10);
    clock.advance(Duration.ofSeconds(61));
    assertThat(evaluator.evaluate(Slo.ORDER_ACCEPTANCE).alerts().get(0).longBurnRate()).isZero();

    // A whole ring later the slots are reused: the old counts must not come back.
    clock.advance(Duration.ofHours(1));
    record(Slo.ORDER_ACCEPTANCE, 1, 0);
    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);
    assertThat(status.badEvents()).isZero();
    assertThat(status.budgetLeft()).isEqualTo(1.0);
  }

  @Test
  void shouldKeepTheObjectivesApart() {
    record(Slo.ORDER_COMPLETION, 0, 3);

    assertThat(evaluator.evaluate(Slo.ORDER_ACCEPTANCE).firing()).isNull();
    assertThat(evaluator.evaluate(Slo.ORDER_COMPLETION).firing())
        .isEqualTo(SloProperties.Severity.PAGE);
  }

  @Test
  void shouldRefuseWindowsThatDoNotNest() {
    assertThatThrownBy(
            () ->
                new SloProperties(
                    null,
                    null,
                    Duration.ofMinutes(10),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket <= short window");
    assertThatThrownBy(
            () ->
                new SloProperties(
                    null, null, null, null, 1.0, null, null, null, null, null, null, null, null,
                    null, null))
        .hasMessageContaining("acceptance-objective");
  }

  private void record(Slo slo, int good, int bad) {
    for (int i = 0; i < good; i++) {
      evaluator.record(slo, true);
    }
    for (int i = 0; i < bad; i++) {
      evaluator.record(slo, false);
    }
  }
}
