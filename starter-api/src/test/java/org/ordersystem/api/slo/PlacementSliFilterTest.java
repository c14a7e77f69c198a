package org.ordersystem.api.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PlacementSliFilterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T06:00:00Z"));
  private final SloEvaluator evaluator = new SloEvaluator(SloEvaluatorTest.shortWindows(), clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CompletionWatch completions =
      new CompletionWatch(
          evaluator, mock(OrderOutcomes.class), registry, clock, SloEvaluatorTest.shortWindows());
  private final PlacementSliFilter filter =
      new PlacementSliFilter(evaluator, completions, registry);

  @Test
  void shouldCountDecidedPlacementsGoodAndWatchTheirOrders() throws Exception {
    place(201, "/api/v1/orders/o-1");
    place(200, "/api/v1/orders/o-2");

    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);
    assertThat(status.goodEvents()).isEqualTo(2);
    assertThat(status.badEvents()).isZero();
    assertThat(completions.watching()).isEqualTo(2);
    assertThat(
            registry.get(PlacementSliFilter.ACCEPT_TIMER).tag("outcome", "decided").timer().count())
        .isEqualTo(2);
  }

  @Test
  void shouldCountUndecidedShedAndFailedPlacementsBad() throws Exception {
    place(202, "/api/v1/orders/o-3");
    place(429, null);
    place(503, null);

    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);
    assertThat(status.badEvents()).isEqualTo(3);
    // The undecided order is still followed to its end.
    assertThat(completions.watching()).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheClientsMistakesOutOfTheObjective() throws Exception {
    place(400, null);
    place(422, null);

    SloStatus status = evaluator.evaluate(Slo.ORDER_ACCEPTANCE);
    assertThat(status.goodEvents() + status.badEvents()).isZero();
    assertThat(
            registry.get(PlacementSliFilter.ACCEPT_TIMER).tag("outcome", "invalid").timer().count())
        .isEqualTo(2);
  }

  @Test
  void shouldIgnoreOtherRequests() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders");
    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {});

    assertThat(evaluator.evaluate(Slo.ORDER_ACCEPTANCE).goodEvents()).isZero();
  }

  private void place(int status, String location) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/orders");
    filter.doFilter(
        request,
        new MockHttpServletResponse(),
        (req, res) -> {
          HttpServletResponse response = (HttpServletResponse) res;
          response.setStatus(status);
          if (location != null) {
            response.setHeader("Location", location);
          }
        });
  }
}
