package org.ordersystem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (a) The order flow as shops use it: POST /api/v1/orders (Update-with-Start behind it) answers
 * when the order is accepted; the order's end is read from the read model ({@link
 * ReadModelWatcher}). A placement the API sheds (429 with Retry-After) is not sent again: the
 * benchmark measures what the door does under load, not a shop's retry policy.
 */
final class RestOrderScenario implements Scenario {

  /** How an answer to POST /api/v1/orders counts, before its body is read. */
  enum Answer {
    /** 200, 201 or 202: an order, whose status the body tells. */
    ORDER,
    /** 429 with Retry-After: the API refused the order before doing anything with it. */
    SHED,
    /** Anything else, counted as a failure of kind {@link #errorKind}. */
    ERROR;

    static Answer of(int code, Optional<String> retryAfter) {
      if (code == 200 || code == 201 || code == 202) {
        return ORDER;
      }
      // A 429 without Retry-After tells a client neither that nothing happened nor when to come
      // back: it is not the shedding the API promises, so it counts against the system.
      if (code == 429 && retryAfter.filter(v -> !v.isBlank()).isPresent()) {
        return SHED;
      }
      return ERROR;
    }

    static String errorKind(int code) {
      return code == 429 ? "http-429-without-retry-after" : "http-" + code;
    }
  }

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
  public boolean sheds() {
    return true;
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
    switch (Answer.of(code, response.headers().firstValue("Retry-After"))) {
      case SHED -> {
        tracker.shed();
        return;
      }
      case ERROR -> {
        tracker.failed(Answer.errorKind(code));
        return;
      }
      case ORDER -> {}
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
