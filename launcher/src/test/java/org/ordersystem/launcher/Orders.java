package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;

/** Object mother for order requests, and waiting for orders to settle. */
final class Orders {

  static final String CUSTOMER = "cust-001";
  static final String POOR_CUSTOMER = "cust-poor";
  static final String ADDRESS =
      "{\"name\":\"Hanako Yamada\",\"postalCode\":\"100-0001\",\"region\":\"Tokyo\","
          + "\"line1\":\"1-1 Chiyoda\",\"country\":\"JP\"}";

  private Orders() {}

  /** A body ordering {@code quantity} of {@code sku} paid from the balance. */
  static String body(String customerId, String sku, int quantity, long total) {
    return mixedBody(customerId, sku, quantity, balance(total));
  }

  /**
   * Places one unit of the plentiful product for {@link #CUSTOMER}, paid from the balance, and
   * returns its id once the API accepted it (201, or 202 while it is still being placed).
   */
  static String placeOne(ApiClient shop, long price) {
    ApiClient.Answer placed =
        shop.post("/api/v1/orders", newKey(), body(CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price));
    assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
    return placed.body().path("orderId").asText();
  }

  /** A body paying from several sources, each {@code {type, amount[, cardToken]}}. */
  static String mixedBody(String customerId, String sku, int quantity, String... sources) {
    return "{\"customerId\":\""
        + customerId
        + "\",\"lines\":[{\"sku\":\""
        + sku
        + "\",\"quantity\":"
        + quantity
        + "}],\"shippingAddress\":"
        + ADDRESS
        + ",\"payment\":{\"sources\":["
        + String.join(",", sources)
        + "]}}";
  }

  static String balance(long amount) {
    return "{\"type\":\"BALANCE\",\"amount\":" + amount + "}";
  }

  static String points(long amount) {
    return "{\"type\":\"POINTS\",\"amount\":" + amount + "}";
  }

  static String card(long amount, String token) {
    return "{\"type\":\"CARD\",\"amount\":" + amount + ",\"cardToken\":\"" + token + "\"}";
  }

  /** Waits until the order has {@code status} and returns it. */
  static JsonNode awaitStatus(ApiClient api, String orderId, String status, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ApiClient.Answer answer = api.get("/api/v1/orders/" + orderId);
              last[0] = answer.body();
              return answer.status() == 200 && status.equals(answer.body().path("status").asText());
            });
    return last[0];
  }

  static String newKey() {
    return "e2e-" + UUID.randomUUID();
  }

  /**
   * Waits until the order is no longer CREATING (a final status, or PENDING: stopped, waiting for a
   * retry or rollback) and returns it.
   */
  static JsonNode awaitFinal(ApiClient api, String orderId, Duration atMost) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ApiClient.Answer answer = api.get("/api/v1/orders/" + orderId);
              last[0] = answer.body();
              return answer.status() == 200
                  && !"CREATING".equals(answer.body().path("status").asText());
            });
    return last[0];
  }
}
