package org.ordersystem.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {

  @Test
  void shouldServeTheRegistryInPrometheusTextFormat() throws Exception {
    PrometheusMeterRegistry registry = PartMetrics.newRegistry();
    registry.counter("orders.test.events").increment(3);
    try (MetricsHttpServer server = MetricsHttpServer.start(registry, 0)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + server.port() + MetricsHttpServer.PATH))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(response.body())
          .contains("orders_test_events_total 3.0")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void shouldReadThePortOrOffFromTheEnvironment() {
    assertThat(PartMetrics.port(Map.of(), 9465)).isEqualTo(9465);
    assertThat(PartMetrics.port(Map.of(PartMetrics.PORT_VARIABLE, " 19465 "), 9465))
        .isEqualTo(19465);
    assertThat(PartMetrics.port(Map.of(PartMetrics.PORT_VARIABLE, "off"), 9465)).isEqualTo(-1);
    assertThatThrownBy(() -> PartMetrics.port(Map.of(PartMetrics.PORT_VARIABLE, "70000"), 9465))
        .hasMessageContaining(PartMetrics.PORT_VARIABLE);
  }
}
