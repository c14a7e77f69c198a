package org.ordersystem.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends the spans of every part of the one-JVM stack to the trace UI: the standard {@code otel.*}
 * system properties, which the parts' OpenTelemetry SDKs read when they start. Only the ones that
 * neither the environment nor the command line set; they are cleared again on close, for a JVM that
 * starts another stack (a test JVM).
 */
final class TraceExport implements AutoCloseable {

  private final List<String> setHere;

  private TraceExport(List<String> setHere) {
    this.setHere = setHere;
  }

  /** Exports to Zipkin's {@code endpoint} ({@code .../api/v2/spans}). */
  static TraceExport to(String endpoint) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("otel.traces.exporter", "zipkin");
    wanted.put("otel.exporter.zipkin.endpoint", endpoint);
    // A trace shows up within a second of the order's end, not the SDK's default of five.
    wanted.put("otel.bsp.schedule.delay", "1000");
    List<String> setHere = new ArrayList<>();
    wanted.forEach(
        (key, value) -> {
          String variable = key.toUpperCase(Locale.ROOT).replace('.', '_');
          if (System.getenv(variable) == null && System.getProperty(key) == null) {
            System.setProperty(key, value);
            setHere.add(key);
          }
        });
    return new TraceExport(setHere);
  }

  @Override
  public void close() {
    setHere.forEach(System::clearProperty);
  }
}
