package org.ordersystem.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Map;

/**
 * The project's defaults on top of the SDK's autoconfiguration. Every one gives way to an {@code
 * OTEL_*} variable or {@code otel.*} property; the usual ones:
 *
 * <ul>
 *   <li>{@code OTEL_SDK_DISABLED=true}: no tracing at all (no spans, no {@code traceresponse});
 *   <li>{@code OTEL_TRACES_SAMPLER=parentbased_traceidratio} with {@code OTEL_TRACES_SAMPLER_ARG}
 *       (0.0 to 1.0): keep that share of the orders' traces; the API decides and every part follows
 *       the decision the trace context carries;
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT}: export over OTLP/HTTP there (a Collector's 4318);
 *   <li>{@code OTEL_TRACES_EXPORTER}: {@code otlp}, {@code zipkin} (with {@code
 *       OTEL_EXPORTER_ZIPKIN_ENDPOINT}), {@code console} or {@code none}.
 * </ul>
 */
final class TraceSettings {

  static final String TRACES_EXPORTER = "otel.traces.exporter";

  private TraceSettings() {}

  /**
   * Beneath the environment: the part's name; OTLP over HTTP (a Collector's port 4318), which the
   * JDK's own client sends, where the SDK would pick gRPC and need a gRPC sender; no SDK metrics or
   * logs (Micrometer has the metrics).
   */
  static Map<String, String> defaults(String serviceName) {
    return Map.of(
        "otel.service.name", serviceName,
        "otel.exporter.otlp.protocol", "http/protobuf",
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none");
  }

  /**
   * With no exporter named, OTLP when an endpoint is given and none otherwise. The SDK's own
   * default would send OTLP to localhost:4318 and log a failure for every batch on a machine
   * without a Collector.
   */
  static Map<String, String> exporterWhenUnset(ConfigProperties config) {
    if (config.getString(TRACES_EXPORTER) != null) {
      return Map.of();
    }
    boolean endpointGiven =
        config.getString("otel.exporter.otlp.endpoint") != null
            || config.getString("otel.exporter.otlp.traces.endpoint") != null;
    return Map.of(TRACES_EXPORTER, endpointGiven ? "otlp" : "none");
  }
}
