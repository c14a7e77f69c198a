package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.slo.SloProperties;

/**
 * One order through the REST API of the stack {@code dev/run} starts, read back from its trace UI
 * by the trace id of the {@code traceresponse} header: a single trace across the API, Temporal, the
 * workers, the gRPC services, SQL and the card provider.
 */
class TracingIntegrationTest {

  private static final Pattern TRACE_RESPONSE =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldShowAnOrderAsOneTraceAcrossEveryPart() throws Exception {
    Path dataDir = TestDirs.create("orders-tracing");
    StackProcess stack =
        StackProcess.start(dataDir, "tracing", Map.of("ORDERS_TRACE_UI", TraceUiOptions.ZIPKIN));
    try {
      String traceUi = stack.traceUiUrl();
      ApiClient shop = stack.shop();
      long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
      ApiClient.Answer placed =
          shop.post(
              "/api/v1/orders",
              Orders.newKey(),
              Orders.mixedBody(
                  Orders.CUSTOMER,
                  Catalog.PLENTIFUL_SKU,
                  1,
                  Orders.balance(price - 100),
                  Orders.card(100, "tok_ok")));
      assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
      Matcher header = TRACE_RESPONSE.matcher(String.valueOf(placed.traceResponse()));
      assertThat(header.matches()).as("traceresponse: " + placed.traceResponse()).isTrue();
      String traceId = header.group(1);
      String orderId = placed.body().path("orderId").asText();
      Orders.awaitStatus(shop, orderId, "COMPLETED", Duration.ofSeconds(90));

      // The last step's spans reach the trace UI within a second or two of the order's end.
      List<JsonNode> spans = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                spans.clear();
                spans.addAll(trace(traceUi, traceId));
                return names(spans).contains("runactivity:commitstock");
              });

      assertThat(spans).hasSizeGreaterThanOrEqualTo(20);
      assertThat(spans)
          .extracting(span -> span.path("localEndpoint").path("serviceName").asText())
          .contains("orders-api", "orders-workers", "orders-services", "psp-simulator");
      assertThat(names(spans))
          .contains(
              "post /api/v1/orders",
              "updatewithstartworkflow:orderworkflow",
              "runworkflow:orderworkflow",
              "startactivity:reservestock",
              "runactivity:reservestock",
              "runactivity:authorizeleg",
              "runactivity:captureleg",
              "orders.psp.v1.pspservice/authorize");
      assertThat(spans)
          .filteredOn(span -> "grpc".equals(span.path("tags").path("rpc.system").asText()))
          .extracting(span -> span.path("kind").asText())
          .contains("CLIENT", "SERVER");
      assertThat(spans)
          .filteredOn(span -> "mysql".equals(span.path("tags").path("db.system").asText()))
          .extracting(span -> span.path("localEndpoint").path("serviceName").asText())
          .contains("orders-api", "orders-workers", "orders-services", "psp-simulator");
      assertThat(spans)
          .filteredOn(span -> span.path("name").asText().startsWith("runactivity:"))
          .allSatisfy(
              span -> assertThat(span.path("tags").path("order.id").asText()).isEqualTo(orderId));
      // One root: the request that placed the order.
      assertThat(spans).filteredOn(span -> !span.has("parentId")).hasSize(1);

      // The SLO report's link to a stuck order's traces: the same search through Zipkin's API
      // (its UI takes the window as lookback=millis&millis=) finds the trace that placed the
      // order, beside those of the reads of it (GET /orders/{id} tags the order too).
      String search = TraceUi.orderSearchUrl(traceUi).replace(SloProperties.ORDER_ID, orderId);
      List<JsonNode> found = new ArrayList<>();
      get(search.replace("/zipkin/?", "/api/v2/traces?").replace("millis&millis=", ""))
          .forEach(found::add);
      assertThat(found)
          .extracting(trace -> trace.get(0).path("traceId").asText())
          .contains(traceId);
      assertThat(found)
          .allSatisfy(
              trace ->
                  assertThat(trace.findValuesAsText("order.id"))
                      .as(trace.toString())
                      .contains(orderId));
    } finally {
      stack.stop();
    }
  }

  private List<JsonNode> trace(String traceUi, String traceId) throws Exception {
    List<JsonNode> spans = new ArrayList<>();
    get(traceUi.replace("/zipkin/", "/api/v2/trace/") + traceId).forEach(spans::add);
    return spans;
  }

  /** Zipkin's answer, or an empty array when it has none (yet). */
  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createArrayNode();
  }

  private static List<String> names(List<JsonNode> spans) {
    return spans.stream().map(span -> span.path("name").asText()).toList();
  }
}
