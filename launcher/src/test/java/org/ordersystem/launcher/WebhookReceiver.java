package org.ordersystem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The operators' notification webhook, as a JDK HTTP server that keeps what it receives. */
final class WebhookReceiver implements AutoCloseable {

  /** One POST: its {@code X-Notification-Id} and Content-Type headers and its JSON body. */
  record Delivery(String notificationId, String contentType, JsonNode body) {

    String type() {
      return body.path("type").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/hooks/orders";

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        PATH,
        exchange -> {
          try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            deliveries.add(
                new Delivery(
                    exchange.getRequestHeaders().getFirst("X-Notification-Id"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://localhost:" + server.getAddress().getPort() + PATH);
  }

  /** What arrived so far, oldest first. */
  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Deliveries of one type about one order. */
  List<Delivery> about(String orderId, String type) {
    return deliveries().stream()
        .filter(d -> d.type().equals(type))
        .filter(d -> orderId.equals(d.body().path("orderId").asText()))
        .toList();
  }

  /** Sweep summaries with an item for the order. */
  List<JsonNode> sweepItemsFor(String orderId) {
    return deliveries().stream()
        .filter(d -> d.type().equals("SWEEP_SUMMARY"))
        .flatMap(d -> toList(d.body().path("sweep").path("items")).stream())
        .filter(item -> orderId.equals(item.path("orderId").asText()))
        .toList();
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
