package org.ordersystem.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * The Temporal SDK's metrics ({@code temporal_request_*}, {@code temporal_workflow_task_*}, {@code
 * temporal_activity_*}, ...) in a Micrometer registry: the SDK reports to a Tally scope, and
 * Temporal's reporter turns each Tally meter into a Micrometer one. Set the scope on the {@code
 * WorkflowServiceStubsOptions}; every client and worker built on those stubs reports through it.
 */
public final class TemporalMetrics {

  /** How often Tally flushes to Micrometer; below Prometheus' usual scrape interval of 15 s. */
  private static final com.uber.m3.util.Duration REPORT_EVERY =
      com.uber.m3.util.Duration.ofSeconds(5);

  private TemporalMetrics() {}

  public static Scope scope(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(REPORT_EVERY);
  }
}
