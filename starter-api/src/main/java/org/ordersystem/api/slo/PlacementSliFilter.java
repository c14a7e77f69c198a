package org.ordersystem.api.slo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Measures every order placement (POST /api/v1/orders) from its answer alone, whatever produced it
 * (the controller, a problem handler, the shedding of admission): an event of the acceptance
 * objective, an {@code orders_accept_seconds{outcome}} observation, and the order's id (from the
 * {@code Location} header) handed to the {@link CompletionWatch}.
 */
public class PlacementSliFilter extends OncePerRequestFilter {

  /** The accept histogram; Prometheus shows {@code orders_accept_seconds}. */
  public static final String ACCEPT_TIMER = "orders.accept";

  private static final String PATH = "/api/v1/orders";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  /** How a placement answer counts. */
  enum Outcome {
    /** 200 or 201: accepted or rejected in time. */
    DECIDED(true),
    /** 202: still undecided when the accept timeout ran out. */
    UNDECIDED(false),
    /** 429: shed at admission. */
    SHED(false),
    /** 5xx. */
    ERROR(false),
    /** Any other 4xx: the client's mistake, outside the objective. */
    INVALID(true);

    private final boolean good;

    Outcome(boolean good) {
      this.good = good;
    }

    static Outcome of(int status) {
      if (status == 200 || status == 201) {
        return DECIDED;
      }
      if (status == 202) {
        return UNDECIDED;
      }
      if (status == 429) {
        return SHED;
      }
      return status >= 500 ? ERROR : INVALID;
    }
  }

  private final SloEvaluator evaluator;
  private final CompletionWatch completions;
  private final MeterRegistry registry;

  public PlacementSliFilter(
      SloEvaluator evaluator, CompletionWatch completions, MeterRegistry registry) {
    this.evaluator = evaluator;
    this.completions = completions;
    this.registry = registry;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      record(Outcome.of(status), System.nanoTime() - start, response.getHeader("Location"));
    }
  }

  private void record(Outcome outcome, long nanos, String location) {
    Timer.builder(ACCEPT_TIMER)
        .description("POST /api/v1/orders from request to answer, by how it counts")
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
    if (outcome == Outcome.INVALID) {
      return;
    }
    evaluator.record(Slo.ORDER_ACCEPTANCE, outcome.good);
    if (location != null && outcome != Outcome.SHED && outcome != Outcome.ERROR) {
      completions.watch(location.substring(location.lastIndexOf('/') + 1));
    }
  }
}
