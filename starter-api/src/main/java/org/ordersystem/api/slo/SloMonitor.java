package org.ordersystem.api.slo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Evaluates the objectives on a schedule: follows the placed orders to their end, refreshes the
 * PENDING gauge, snapshots the downstream meters, computes the burn rates, publishes them as gauges
 * for the dashboard, and lets {@link BurnIncidents} report what started or stopped paging.
 */
public class SloMonitor implements SmartLifecycle {

  /** PENDING orders in the read model; Prometheus shows {@code orders_pending}. */
  public static final String PENDING_GAUGE = "orders.pending";

  private static final Logger log = LoggerFactory.getLogger(SloMonitor.class);

  private final SloEvaluator evaluator;
  private final CompletionWatch completions;
  private final OrderOutcomes outcomes;
  private final DownstreamTrends downstreams;
  private final BurnIncidents incidents;
  private final Duration interval;
  private final AtomicLong pending = new AtomicLong();
  private volatile List<SloStatus> latest = List.of();
  private ScheduledExecutorService scheduler;

  public SloMonitor(
      SloEvaluator evaluator,
      CompletionWatch completions,
      OrderOutcomes outcomes,
      DownstreamTrends downstreams,
      BurnIncidents incidents,
      MeterRegistry registry,
      SloProperties properties) {
    this.evaluator = evaluator;
    this.completions = completions;
    this.outcomes = outcomes;
    this.downstreams = downstreams;
    this.incidents = incidents;
    this.interval = properties.evaluationInterval();
    this.latest = evaluator.evaluate();
    registerGauges(registry, properties);
  }

  /** One evaluation; every part is guarded so one failure (the database down) skips only itself. */
  void evaluateOnce() {
    try {
      completions.check();
    } catch (RuntimeException e) {
      log.warn("Could not follow the placed orders: {}", e.toString());
    }
    try {
      pending.set(outcomes.pendingCount());
    } catch (RuntimeException e) {
      log.warn("Could not count the PENDING orders: {}", e.toString());
    }
    downstreams.snapshot();
    List<SloStatus> statuses = evaluator.evaluate();
    latest = statuses;
    incidents.update(statuses);
  }

  private void registerGauges(MeterRegistry registry, SloProperties properties) {
    Gauge.builder(PENDING_GAUGE, pending, AtomicLong::get)
        .description("Orders waiting in PENDING for a retry or rollback")
        .register(registry);
    for (int s = 0; s < Slo.values().length; s++) {
      Slo slo = Slo.values()[s];
      int index = s;
      gauge(
          registry,
          "orders.slo.budget.remaining",
          "Share of the SLO's error budget left over the budget period",
          slo,
          null,
          null,
          st -> st.get(index).budgetLeft());
      List<SloProperties.NamedAlert> alerts = properties.alerts();
      for (int a = 0; a < alerts.size(); a++) {
        int alert = a;
        String window = alerts.get(a).name();
        gauge(
            registry,
            "orders.slo.burn.rate",
            "Error budget burn rate over the alert's long window",
            slo,
            window,
            "long",
            st -> st.get(index).alerts().get(alert).longBurnRate());
        gauge(
            registry,
            "orders.slo.burn.rate",
            "Error budget burn rate over the alert's short window",
            slo,
            window,
            "short",
            st -> st.get(index).alerts().get(alert).shortBurnRate());
        gauge(
            registry,
            "orders.slo.alert.firing",
            "1 while the multiwindow burn-rate alert fires",
            slo,
            window,
            null,
            st -> st.get(index).alerts().get(alert).firing() ? 1 : 0);
      }
    }
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Slo slo,
      String window,
      String span,
      ToDoubleFunction<List<SloStatus>> value) {
    Gauge.Builder<SloMonitor> builder =
        Gauge.builder(name, this, m -> value.applyAsDouble(m.latest))
            .description(description)
            .tag("slo", slo.id());
    if (window != null) {
      builder.tag("window", window);
    }
    if (span != null) {
      builder.tag("span", span);
    }
    builder.register(registry);
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "slo-monitor");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            evaluateOnce();
          } catch (RuntimeException e) {
            log.warn("SLO evaluation failed", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    log.info("Evaluating the SLOs every {}", interval);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
