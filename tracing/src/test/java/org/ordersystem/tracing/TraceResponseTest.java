package org.ordersystem.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

class TraceResponseTest {

  @Test
  void shouldWriteVersionTraceIdSpanIdAndFlags() {
    SpanContext span =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    assertThat(TraceResponse.of(span))
        .hasValue("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void shouldWriteNothingWithoutASpan() {
    assertThat(TraceResponse.of(SpanContext.getInvalid())).isEmpty();
  }
}
