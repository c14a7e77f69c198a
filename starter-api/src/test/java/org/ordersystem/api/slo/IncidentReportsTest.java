package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.OrderStatus;

/** The first report's link to a stuck order's traces, when a trace UI is configured. */
class IncidentReportsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final OrderOutcomes outcomes = mock(OrderOutcomes.class);

  @Test
  void shouldLinkTheSampleOrderToItsTracesWithItsIdEncoded() {
    when(outcomes.stuck(any(), anyInt()))
        .thenReturn(
            List.of(
                new OrderOutcomes.StuckGroup(
                    OrderStatus.PENDING, "AUTHORIZE_PAYMENT", "STEP_TIMED_OUT", 3, "o 9&x")));

    Map<String, Object> sample =
        sampleOrder(reports("http://traces:9411/zipkin/?annotationQuery=order.id%3D{orderId}"));

    assertThat(sample)
        .containsEntry("orderId", "o 9&x")
        .containsEntry("traces", "http://traces:9411/zipkin/?annotationQuery=order.id%3Do+9%26x");
  }

  @Test
  void shouldLinkNoTracesWithoutATraceUi() {
    when(outcomes.stuck(any(), anyInt()))
        .thenReturn(
            List.of(
                new OrderOutcomes.StuckGroup(
                    OrderStatus.CREATING, "RESERVE_STOCK", null, 1, "o-1")));

    assertThat(sampleOrder(reports(null))).containsOnlyKeys("orderId", "temporalUi");
  }

  @Test
  void shouldRefuseATraceSearchWithoutAPlaceForTheOrderId() {
    assertThatThrownBy(() -> SloEvaluatorTest.shortWindows("http://traces:9411/zipkin/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{orderId}");
  }

  private IncidentReports reports(String traceSearchUrl) {
    SloProperties properties = SloEvaluatorTest.shortWindows(traceSearchUrl);
    return new IncidentReports(
        outcomes,
        new DownstreamTrends(new SimpleMeterRegistry(), clock, Duration.ofMinutes(1)),
        properties,
        "default",
        clock);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sampleOrder(IncidentReports reports) {
    SloStatus status =
        new SloEvaluator(SloEvaluatorTest.shortWindows(), clock).evaluate(Slo.ORDER_ACCEPTANCE);
    Map<String, Object> report =
        reports.firstReport("n-1", Slo.ORDER_ACCEPTANCE, status, clock.instant());
    return (Map<String, Object>) ((Map<String, Object>) report.get("links")).get("sampleOrder");
  }
}
