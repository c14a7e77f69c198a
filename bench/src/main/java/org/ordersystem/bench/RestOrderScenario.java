package org.ordersystem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (a) The order flow as shops use it: POST /api/v1/orders (Update-with-Start behind it) answers
 * when the order is accepted; the order's end is read from the read model ({@link
 * ReadModelWatcher}).
 */
final class RestOrderScenario implements Scenario {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI orders;
  private final String shopKey;
  private final ReadModelWatcher watcher;
  private final AtomicLong sequence = new AtomicLong();

  RestOrderScenario(String apiBaseUrl, String shopKey, ReadModelWatcher watcher) {
    this.orders = URI.create(apiBaseUrl + "/api/v1/orders");
    this.shopKey = shopKey;
    this.watcher = watcher;
  }

  @Override
  public String name() {
    return "order";
  }

  @Override
  public void start(String id, OrderTracker tracker) {
    HttpRequest request =
        HttpRequest.newBuilder(orders)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + shopKey)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", id)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    OrderBodies.restBody(sequence.getAndIncrement())))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              if (error != null) {
                tracker.failed("http:" + rootCause(error).getClass().getSimpleName());
              } else {
                answered(response, tracker);
              }
            });
  }

  private void answered(HttpResponse<String> response, OrderTracker tracker) {
    int code = response.statusCode();
    if (code != 200 && code != 201 && code != 202) {
      tracker.failed("http-" + code);
      return;
    }
    JsonNode order;
    try {
      order = JSON.readTree(response.body());
    } catch (Exception e) {
      tracker.failed("bad-body");
      return;
    }
    String status = order.path("status").asText();
    switch (status) {
      case "CREATING" -> {
        tracker.accepted();
        watcher.watch(order.path("orderId").asText(), tracker);
      }
      case "COMPLETED" -> {
        tracker.accepted();
        tracker.completed();
      }
      default -> tracker.failed(status + ":" + order.path("reason").asText());
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void close() throws Exception {
    watcher.close();
  }
}
