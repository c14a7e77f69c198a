package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceUiOptionsTest {

  @Test
  void shouldStartZipkinOnItsUsualPortByDefault() {
    assertThat(TraceUiOptions.fromEnv(Map.of())).isEqualTo(new TraceUiOptions(true, 9411));
    assertThat(TraceUiOptions.fromEnv(Map.of("ORDERS_TRACE_UI_PORT", "19411")).port())
        .isEqualTo(19411);
  }

  @Test
  void shouldStartNoneWhenTracingIsOffOrGoesElsewhere() {
    assertThat(TraceUiOptions.fromEnv(Map.of("OTEL_SDK_DISABLED", "true")).enabled()).isFalse();
    assertThat(TraceUiOptions.fromEnv(Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled()).isFalse();
    assertThat(
            TraceUiOptions.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))
                .enabled())
        .isFalse();
    assertThat(TraceUiOptions.fromEnv(Map.of("ORDERS_TRACE_UI", "none")).enabled()).isFalse();
  }

  @Test
  void shouldStartItWhenAskedExplicitly() {
    assertThat(
            TraceUiOptions.fromEnv(
                    Map.of("ORDERS_TRACE_UI", "zipkin", "OTEL_TRACES_EXPORTER", "otlp"))
                .enabled())
        .isTrue();
  }

  @Test
  void shouldNameTheVariableOfAnUnknownTraceUi() {
    assertThatThrownBy(() -> TraceUiOptions.fromEnv(Map.of("ORDERS_TRACE_UI", "jaeger")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORDERS_TRACE_UI");
  }
}
