package org.ordersystem.launcher;

import java.util.Map;

/**
 * Whether the local stack starts its trace UI (Zipkin) and exports the spans of every part to it.
 *
 * @param enabled {@code ORDERS_TRACE_UI}: {@code zipkin} (the default) or {@code none}. It is
 *     {@code none} by default when tracing is switched off ({@code OTEL_SDK_DISABLED=true}) or the
 *     spans go elsewhere ({@code OTEL_TRACES_EXPORTER} or an OTLP endpoint is set)
 * @param port {@code ORDERS_TRACE_UI_PORT} (9411): where Zipkin's UI and API listen
 */
public record TraceUiOptions(boolean enabled, int port) {

  static final String ZIPKIN = "zipkin";
  static final String NONE = "none";

  /** No trace UI: spans are exported where the {@code OTEL_*} variables say, if anywhere. */
  public static TraceUiOptions off() {
    return new TraceUiOptions(false, 0);
  }

  /**
   * Reads the options from environment variables.
   *
   * @throws IllegalArgumentException naming a variable whose value is malformed
   */
  public static TraceUiOptions fromEnv(Map<String, String> env) {
    int port = Integer.parseInt(env.getOrDefault("ORDERS_TRACE_UI_PORT", "9411"));
    String mode = env.getOrDefault("ORDERS_TRACE_UI", tracedElsewhere(env) ? NONE : ZIPKIN);
    return switch (mode) {
      case ZIPKIN -> new TraceUiOptions(true, port);
      case NONE -> off();
      default ->
          throw new IllegalArgumentException(
              "ORDERS_TRACE_UI must be " + ZIPKIN + " or " + NONE + ", not '" + mode + "'");
    };
  }

  private static boolean tracedElsewhere(Map<String, String> env) {
    return "true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))
        || env.containsKey("OTEL_TRACES_EXPORTER")
        || env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
        || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
  }
}
