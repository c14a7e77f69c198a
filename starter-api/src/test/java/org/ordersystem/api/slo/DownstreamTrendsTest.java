package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.metrics.DownstreamCallMetrics;

class DownstreamTrendsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DownstreamTrends trends =
      new DownstreamTrends(registry, clock, Duration.ofMinutes(60));

  @Test
  void shouldNameTheDownstreamWhoseErrorsRoseWithItsCodes() {
    for (int minute = 0; minute < 10; minute++) {
      calls("payment", "OK", 10, 20);
      calls("stock", "OK", 10, 20);
      tick(Duration.ofMinutes(1));
    }
    calls("payment", "UNAVAILABLE", 8, 5);
    calls("payment", "OK", 2, 20);
    calls("stock", "OK", 10, 20);
    tick(Duration.ofMinutes(1));

    List<DownstreamTrends.Trend> found = trends.trends(Duration.ofMinutes(5));

    DownstreamTrends.Trend payment = found.get(0);
    assertThat(payment.downstream()).isEqualTo("payment");
    assertThat(payment.rose()).isTrue();
    assertThat(payment.errorsByCode()).isEqualTo(Map.of("UNAVAILABLE", 8L));
    assertThat(payment.baselineErrorRate()).isZero();
    DownstreamTrends.Trend stock = found.get(1);
    assertThat(stock.rose()).isFalse();
    assertThat(stock.recentMeanMillis()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void shouldNameTheDownstreamWhoseLatencyRose() {
    for (int minute = 0; minute < 10; minute++) {
      calls("shipping", "OK", 10, 30);
      tick(Duration.ofMinutes(1));
    }
    calls("shipping", "OK", 10, 900);
    tick(Duration.ofMinutes(1));

    DownstreamTrends.Trend shipping = trends.trends(Duration.ofMinutes(5)).get(0);

    assertThat(shipping.rose()).isTrue();
    assertThat(shipping.errorsByCode()).isEmpty();
    assertThat(shipping.recentMeanMillis()).isGreaterThan(2 * shipping.baselineMeanMillis());
  }

  @Test
  void shouldNotCallAFirstCallARiseInLatency() {
    calls("psp", "OK", 3, 200);
    tick(Duration.ofMinutes(1));

    assertThat(trends.trends(Duration.ofMinutes(5)).get(0).rose()).isFalse();
  }

  private void calls(String downstream, String code, int count, long millis) {
    Timer timer =
        Timer.builder(DownstreamCallMetrics.CALL_TIMER)
            .tag(DownstreamCallMetrics.DOWNSTREAM_TAG, downstream)
            .tag("method", "Call")
            .tag("code", code)
            .register(registry);
    for (int i = 0; i < count; i++) {
      timer.record(Duration.ofMillis(millis));
    }
  }

  private void tick(Duration by) {
    clock.advance(by);
    trends.snapshot();
  }
}
