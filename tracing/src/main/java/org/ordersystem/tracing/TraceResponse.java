package org.ordersystem.tracing;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/**
 * The W3C Trace Context Level 2 {@code traceresponse} header: which trace the server recorded a
 * request under, so that a caller can look the request up in the trace UI.
 */
public final class TraceResponse {

  public static final String HEADER = "traceresponse";

  private TraceResponse() {}

  /**
   * {@code 00-<trace-id>-<span-id>-<flags>} of the server's span, or empty when there is none
   * (tracing switched off).
   */
  public static Optional<String> of(SpanContext span) {
    if (!span.isValid()) {
      return Optional.empty();
    }
    return Optional.of(
        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
  }
}
