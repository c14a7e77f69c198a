package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurnIncidentsTest {

  private record Sent(String id, Map<String, Object> body) {}

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final SloProperties properties = SloEvaluatorTest.shortWindows();
  private final SloEvaluator evaluator = new SloEvaluator(properties, clock);
  private final OrderOutcomes outcomes = mock(OrderOutcomes.class);
  private final List<Sent> sent = new ArrayList<>();
  private boolean webhookUp = true;
  private final BurnIncidents incidents =
      new BurnIncidents(
          new IncidentReports(
              outcomes,
              new DownstreamTrends(new SimpleMeterRegistry(), clock, Duration.ofMinutes(1)),
              properties,
              "default",
              clock),
          (id, body) -> {
            if (webhookUp) {
              sent.add(new Sent(id, body));
            }
            return webhookUp;
          },
          clock);

  @Test
  void shouldReportABurnOnceAndItsEndOnce() {
    when(outcomes.stuck(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.anyInt()))
        .thenReturn(
            List.of(
                new OrderOutcomes.StuckGroup(
                    org.ordersystem.workflows.model.OrderStatus.PENDING,
                    "AUTHORIZE_PAYMENT",
                    "STEP_TIMED_OUT",
                    3,
                    "o-9")));
    bad(5);
    tick();
    tick();
    tick();

    assertThat(sent).hasSize(1);
    Map<String, Object> report = sent.get(0).body();
    assertThat(report.get("type")).isEqualTo(IncidentReports.BURN);
    assertThat(report.get("slo")).isEqualTo("order-acceptance");
    assertThat(report.get("since")).isEqualTo(Instant.parse("2026-12-07T06:00:01Z"));
    assertThat((String) report.get("summary"))
        .contains("page-fast", "3 PENDING at AUTHORIZE_PAYMENT (STEP_TIMED_OUT)");
    @SuppressWarnings("unchecked")
    Map<String, Object> links = (Map<String, Object>) report.get("links");
    assertThat(links.get("runbook")).isEqualTo("docs/runbook.md#orderacceptanceburnpage");
    assertThat((String) links.get("temporalUiQuery"))
        .startsWith("http://localhost:8233/namespaces/default/workflows?query=");
    assertThat(links.get("sampleOrder"))
        .isEqualTo(
            Map.of(
                "orderId",
                "o-9",
                "temporalUi",
                "http://localhost:8233/namespaces/default/workflows/order-o-9"));

    // The short windows forget the bad events; the burn stops.
    clock.advance(Duration.ofSeconds(40));
    good(5);
    tick();
    tick();

    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).body().get("type")).isEqualTo(IncidentReports.RESOLVED);
    assertThat(sent.get(1).id()).isEqualTo(sent.get(0).id().replace("-burn", "-resolved"));
  }

  @Test
  void shouldTryAFailedReportAgainUnderTheSameId() {
    webhookUp = false;
    bad(5);
    tick();
    webhookUp = true;
    tick();
    tick();

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).id()).endsWith("-burn");
    assertThat(sent.get(0).body().get("since")).isEqualTo(Instant.parse("2026-12-07T06:00:01Z"));
  }

  @Test
  void shouldSendNoResolvedNoticeForABurnNobodyWasToldOf() {
    webhookUp = false;
    bad(5);
    tick();
    webhookUp = true;
    clock.advance(Duration.ofSeconds(40));
    tick();

    assertThat(sent).isEmpty();
    assertThat(incidents.open()).isEmpty();
  }

  private void tick() {
    clock.advance(Duration.ofSeconds(1));
    incidents.update(evaluator.evaluate());
  }

  private void bad(int n) {
    for (int i = 0; i < n; i++) {
      evaluator.record(Slo.ORDER_ACCEPTANCE, false);
    }
  }

  private void good(int n) {
    for (int i = 0; i < n; i++) {
      evaluator.record(Slo.ORDER_ACCEPTANCE, true);
    }
  }
}
