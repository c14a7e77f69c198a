package org.ordersystem.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();

  @Test
  void shouldRecordEverySpanByDefault() {
    try (Tracing tracing = Tracing.start("orders-test", Map.of(), exported)) {
      Span span = tracer(tracing).spanBuilder("work").startSpan();
      assertThat(span.getSpanContext().isSampled()).isTrue();
      span.end();
      assertThat(exported.getFinishedSpanItems())
          .singleElement()
          .satisfies(
              data ->
                  assertThat(
                          data.getResource().getAttribute(AttributeKey.stringKey("service.name")))
                      .isEqualTo("orders-test"));
    }
  }

  @Test
  void shouldMakeNoSpansWhenTheSdkIsDisabled() {
    try (Tracing tracing =
        Tracing.start("orders-test", Map.of("otel.sdk.disabled", "true"), exported)) {
      Span span = tracer(tracing).spanBuilder("work").startSpan();
      assertThat(span.getSpanContext().isValid()).isFalse();
      assertThat(TraceResponse.of(span.getSpanContext())).isEmpty();
      span.end();
      assertThat(exported.getFinishedSpanItems()).isEmpty();
    }
  }

  @Test
  void shouldKeepNoTraceAtASamplingRatioOfZero() {
    try (Tracing tracing =
        Tracing.start(
            "orders-test",
            Map.of(
                "otel.traces.sampler", "parentbased_traceidratio",
                "otel.traces.sampler.arg", "0"),
            exported)) {
      Span span = tracer(tracing).spanBuilder("work").startSpan();
      assertThat(span.getSpanContext().isSampled()).isFalse();
      // The header still names the trace, with the sampled flag (bit 0) off.
      assertThat(TraceResponse.of(span.getSpanContext()))
          .hasValueSatisfying(
              header ->
                  assertThat(TraceFlags.fromHex(header, header.length() - 2).isSampled())
                      .isFalse());
      span.end();
      assertThat(exported.getFinishedSpanItems()).isEmpty();
    }
  }

  private static Tracer tracer(Tracing tracing) {
    return tracing.openTelemetry().getTracer("test");
  }
}
