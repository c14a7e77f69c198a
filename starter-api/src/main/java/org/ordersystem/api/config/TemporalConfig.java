package org.ordersystem.api.config;

import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.ordersystem.api.codec.PayloadProperties;
import org.ordersystem.metrics.TemporalMetrics;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.ordersystem.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal client: plain beans, no Temporal Spring starter (the API runs no workers). */
@Configuration(proxyBeanMethods = false)
public class TemporalConfig {

  private static final Logger log = LoggerFactory.getLogger(TemporalConfig.class);

  /**
   * Connects lazily, so the API starts (and answers 503) while Temporal is still coming up; the
   * connection is closed when the context stops. The SDK's client metrics ({@code
   * temporal_request_*}) go to the actuator's registry.
   */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties properties, Scope temporalMetrics) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.target())
            .setMetricsScope(temporalMetrics)
            .build());
  }

  /** Closed with the context: its last report, and its reporting thread (not a daemon) ends. */
  @Bean(destroyMethod = "close")
  Scope temporalMetrics(MeterRegistry metrics) {
    return TemporalMetrics.scope(metrics);
  }

  /** Read once: the client and the codec server must agree on the keys. */
  @Bean
  PayloadEncryption payloadEncryption(PayloadProperties properties) {
    PayloadEncryption encryption = properties.encryption();
    if (!encryption.enabled()) {
      log.warn(
          "Temporal payloads (addresses, card tokens) are stored in plain text:"
              + " set ORDERS_PAYLOAD_KEYS or ORDERS_PAYLOAD_KEYS_FILE to encrypt them");
    }
    return encryption;
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
      WorkflowServiceStubs stubs,
      TemporalProperties properties,
      PayloadEncryption encryption,
      Tracing tracing) {
    OpenTracingOptions tracingOptions =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(tracing.openTelemetry()))
            .build();
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.namespace())
            .setDataConverter(encryption.dataConverter())
            .setInterceptors(new OpenTracingClientInterceptor(tracingOptions))
            .build());
  }
}
