package org.ordersystem.api.config;

import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.ordersystem.tracing.Tracing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal client: plain beans, no Temporal Spring starter (the API runs no workers). */
@Configuration(proxyBeanMethods = false)
public class TemporalConfig {

  /**
   * Connects lazily, so the API starts (and answers 503) while Temporal is still coming up; the
   * connection is closed when the context stops.
   */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(properties.target()).build());
  }

  /**
   * Its StartWorkflow, UpdateWithStartWorkflow, SignalWorkflow and QueryWorkflow spans are children
   * of the request's, and the workflow's header carries them to the workers: the order's workflow
   * and activities join the request's trace. Temporal's OpenTracing interceptor, over the
   * OpenTelemetry SDK through the shim (deprecated with OpenTracing itself, and still the bridge
   * these interceptors need: the SDK's OpenTelemetry module is not published for this release).
   */
  @Bean
  @SuppressWarnings("deprecation")
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties properties, Tracing tracing) {
    OpenTracingOptions tracingOptions =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(tracing.openTelemetry()))
            .build();
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.namespace())
            .setInterceptors(new OpenTracingClientInterceptor(tracingOptions))
            .build());
  }
}
