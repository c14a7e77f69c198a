package org.ordersystem.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

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

  // The key set of each meter name, per registry: the API's and the workers' scopes share one
  // registry in the one-JVM stack, so they must agree on the keys too.
  private static final Map<MeterRegistry, Map<String, Set<String>>> KEYS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private TemporalMetrics() {}

  public static Scope scope(MeterRegistry registry) {
    Map<String, Set<String>> keys =
        KEYS.computeIfAbsent(registry, r -> ConsistentTagsReporter.newKeyIndex());
    return new RootScopeBuilder()
        .reporter(new ConsistentTagsReporter(new MicrometerClientStatsReporter(registry), keys))
        .reportEvery(REPORT_EVERY);
  }
}
