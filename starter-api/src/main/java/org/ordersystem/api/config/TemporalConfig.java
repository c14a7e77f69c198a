package org.ordersystem.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.ordersystem.metrics.TemporalMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal client: plain beans, no Temporal Spring starter (the API runs no workers). */
@Configuration(proxyBeanMethods = false)
public class TemporalConfig {

  /**
   * Connects lazily, so the API starts (and answers 503) while Temporal is still coming up; the
   * connection is closed when the context stops. The SDK's client metrics ({@code
   * temporal_request_*}) go to the actuator's registry.
   */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties, MeterRegistry metrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.target())
            .setMetricsScope(TemporalMetrics.scope(metrics))
            .build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties properties) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(properties.namespace()).build());
  }
}
