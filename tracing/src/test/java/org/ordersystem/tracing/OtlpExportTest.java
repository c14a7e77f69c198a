package org.ordersystem.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What production does: spans go over OTLP/HTTP to the endpoint the standard variable names. */
class OtlpExportTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer collector;

  @BeforeEach
  void startCollector() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + body.length);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void shouldSendSpansToTheOtlpEndpointOverHttp() {
    String endpoint = "http://localhost:" + collector.getAddress().getPort();
    try (Tracing tracing =
        Tracing.start("orders-test", Map.of("otel.exporter.otlp.endpoint", endpoint))) {
      tracing.openTelemetry().getTracer("test").spanBuilder("work").startSpan().end();
    } // Closing exports what is buffered.

    assertThat(received)
        .singleElement()
        .satisfies(
            request -> assertThat(request).startsWith("POST /v1/traces application/x-protobuf"));
  }
}
