package org.ordersystem.workers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;

/**
 * Temporal's spans for the workers: StartWorkflow and the other client calls the activities make,
 * RunWorkflow, StartActivity and RunActivity, all children of the trace the order's REST request
 * began, which Temporal carries in the workflow's and the activities' headers.
 *
 * <p>Temporal's OpenTracing interceptors, over the OpenTelemetry SDK through the OpenTracing shim,
 * with RunWorkflow ended as it begins ({@link RunWorkflowSpans}). They open no span while a
 * workflow replays its history, so a workflow evicted from the cache and replayed on the next task
 * does not repeat the spans of the steps it already ran.
 */
final class WorkerTracing {

  private final OpenTracingOptions options;

  // The shim is deprecated with OpenTracing itself, and still the bridge Temporal's OpenTracing
  // interceptors need: the SDK's OpenTelemetry module is not published for this release.
  @SuppressWarnings("deprecation")
  WorkerTracing(OpenTelemetry openTelemetry) {
    this.options =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .setSpanBuilderProvider(new RunWorkflowSpans())
            .build();
  }

  WorkflowClientInterceptor client() {
    return new OpenTracingClientInterceptor(options);
  }

  /**
   * The tracing interceptor around the one that names the order of the work (the SDK makes the last
   * one the outermost): the run's span must be made before the order's baggage enters the context,
   * since the shim takes a context with baggage and no span for a parent, and would start a trace.
   */
  WorkerInterceptor[] worker() {
    return new WorkerInterceptor[] {
      new OrderContextInterceptor(), new OpenTracingWorkerInterceptor(options)
    };
  }
}
