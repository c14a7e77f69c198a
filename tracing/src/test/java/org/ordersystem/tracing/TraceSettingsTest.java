package org.ordersystem.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceSettingsTest {

  @Test
  void shouldExportNothingWhenNoExporterNorEndpointIsGiven() {
    assertThat(TraceSettings.exporterWhenUnset(config(Map.of())))
        .containsEntry(TraceSettings.TRACES_EXPORTER, "none");
  }

  @Test
  void shouldExportOtlpWhenAnEndpointIsGiven() {
    assertThat(
            TraceSettings.exporterWhenUnset(
                config(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318"))))
        .containsEntry(TraceSettings.TRACES_EXPORTER, "otlp");
    assertThat(
            TraceSettings.exporterWhenUnset(
                config(Map.of("otel.exporter.otlp.traces.endpoint", "http://c:4318/v1/traces"))))
        .containsEntry(TraceSettings.TRACES_EXPORTER, "otlp");
  }

  @Test
  void shouldKeepTheExporterThatIsNamed() {
    assertThat(TraceSettings.exporterWhenUnset(config(Map.of("otel.traces.exporter", "zipkin"))))
        .isEmpty();
  }

  private static DefaultConfigProperties config(Map<String, String> properties) {
    return DefaultConfigProperties.createFromMap(properties);
  }
}
