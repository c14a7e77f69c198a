package org.ordersystem.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentTagsReporterTest {

  @Test
  void shouldKeepAMeterWhoseTagKeysDifferFromTheFirstOfItsName() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ConsistentTagsReporter reporter =
        new ConsistentTagsReporter(
            new MicrometerClientStatsReporter(registry), ConsistentTagsReporter.newKeyIndex());

    reporter.reportCounter("temporal_request", Map.of("operation", "PollWorkflowTaskQueue"), 1);
    reporter.reportCounter(
        "temporal_request",
        Map.of("operation", "ExecuteMultiOperation", "update_name", "awaitAcceptance"),
        2);
    reporter.reportCounter("temporal_request_failure", Map.of(), 1);
    reporter.reportCounter("temporal_request_failure", Map.of("operation", "Query"), 1);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("temporal_request_total{operation=\"PollWorkflowTaskQueue\"} 1")
        .contains("temporal_request_total{operation=\"ExecuteMultiOperation\"} 2")
        .contains("temporal_request_failure_total 2");
  }
}
