package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.psp.v1.Authorization;

/** Cancellations and refunds through REST on the running stack, checked to the yen and the unit. */
class RefundIntegrationTest {

  private static final String CUSTOMER = "cust-003";

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @AfterEach
  void clearFaults() {
    operator.delete("/api/v1/dev/faults/shipping");
    operator.delete("/api/v1/dev/faults/payment");
  }

  @Test
  void shouldCancelAnOrderBeingPlacedAndReleaseEverything() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(operator, CUSTOMER);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    operator.put("/api/v1/dev/faults/shipping", "{\"outage\":true}");
    String orderId = place(2, Orders.balance(price), Orders.points(price));

    ApiClient.Answer cancelled =
        shop.post(
            "/api/v1/orders/" + orderId + "/cancel", null, "{\"reason\":\"changed my mind\"}");

    assertThat(cancelled.status()).as(String.valueOf(cancelled.body())).isIn(200, 202);
    // The shipment's cancel is a compensation too: it waits for shipping to come back.
    operator.delete("/api/v1/dev/faults/shipping");
    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(Wallet.of(operator, CUSTOMER)).isEqualTo(before);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    // Cancelling again is harmless: the same answer, nothing compensated twice.
    ApiClient.Answer again = shop.post("/api/v1/orders/" + orderId + "/cancel", null, "{}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(Wallet.of(operator, CUSTOMER)).isEqualTo(before);
  }

  @Test
  void shouldRefundPartlyThenFullyBackToEverySourceAndRestock() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long total = 4 * price;
    Wallet before = Wallet.of(operator, CUSTOMER);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    String orderId =
        place(4, Orders.balance(total - 3000), Orders.points(1000), Orders.card(2000, "tok_ok"));
    assertThat(awaitStatus(orderId, "COMPLETED").path("refundedAmount").asLong()).isZero();

    JsonNode first =
        refund(
            orderId,
            "{\"lines\":[{\"sku\":\""
                + Catalog.PLENTIFUL_SKU
                + "\",\"quantity\":1}],\"reason\":\"one arrived damaged\"}");
    assertThat(first.path("amount").asLong()).isEqualTo(price);
    JsonNode partly = awaitStatus(orderId, "PARTIALLY_REFUNDED");
    assertThat(partly.path("refundedAmount").asLong()).isEqualTo(price);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore - 3);

    refund(orderId, "{\"amount\":" + (total - price) + ",\"reason\":\"order returned\"}");
    JsonNode refunded = awaitStatus(orderId, "REFUNDED");
    assertThat(refunded.path("refundedAmount").asLong()).isEqualTo(total);
    assertThat(refunded.path("shipmentState").asText()).isEqualTo("CANCELLED");

    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    assertThat(Wallet.of(operator, CUSTOMER)).isEqualTo(before);
    Authorization card = Backends.get().cardAuthorization(orderId + ":3");
    assertThat(card.getRefundedAmount()).isEqualTo(2000);
    assertThat(shop.get("/api/v1/orders/" + orderId + "/refunds").body().path("items")).hasSize(2);
    Wallet.assertLedgerBalanced(operator);
  }

  @Test
  void shouldNeverRefundMoreThanWasCapturedWhenRefundsRace() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long total = 2 * price;
    Wallet before = Wallet.of(operator, CUSTOMER);
    String orderId = place(2, Orders.balance(total));
    awaitStatus(orderId, "COMPLETED");

    List<CompletableFuture<ApiClient.Answer>> racing = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      racing.add(
          CompletableFuture.supplyAsync(
              () ->
                  shop.post(
                      "/api/v1/orders/" + orderId + "/refunds",
                      Orders.newKey(),
                      "{\"amount\":" + price + ",\"reason\":\"race\"}")));
    }
    long accepted =
        racing.stream().map(CompletableFuture::join).filter(a -> a.status() < 300).count();

    assertThat(accepted).isEqualTo(2);
    JsonNode refunded = awaitStatus(orderId, "REFUNDED");
    assertThat(refunded.path("refundedAmount").asLong()).isEqualTo(total);
    assertThat(Wallet.of(operator, CUSTOMER).balanceAvailable())
        .isEqualTo(before.balanceAvailable());
  }

  @Test
  void shouldCompleteARefundRequestedDuringAPaymentOutageOnceItClears() throws Exception {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(operator, CUSTOMER);
    String orderId = place(1, Orders.balance(price));
    awaitStatus(orderId, "COMPLETED");
    operator.put("/api/v1/dev/faults/payment", "{\"outage\":true}");

    ApiClient.Answer requested =
        shop.post(
            "/api/v1/orders/" + orderId + "/refunds",
            Orders.newKey(),
            "{\"amount\":" + price + ",\"reason\":\"never arrived\"}");
    assertThat(requested.status()).as(String.valueOf(requested.body())).isEqualTo(202);
    Thread.sleep(2000);
    operator.delete("/api/v1/dev/faults/payment");

    awaitStatus(orderId, "REFUNDED");
    assertThat(Wallet.of(operator, CUSTOMER).balanceAvailable())
        .isEqualTo(before.balanceAvailable());
  }

  @Test
  void shouldKeepADispatchedShipmentAndItsStockOnAFullRefund() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String orderId = place(2, Orders.balance(2 * price));
    awaitStatus(orderId, "COMPLETED");
    long stockAfterSale = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    assertThat(
            operator
                .post(
                    "/api/v1/ops/shipments/" + orderId + "/advance",
                    null,
                    "{\"state\":\"DISPATCHED\"}")
                .status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                shop.get("/api/v1/orders/" + orderId)
                    .body()
                    .path("shipmentState")
                    .asText()
                    .equals("DISPATCHED"));

    refund(orderId, "{\"amount\":" + 2 * price + ",\"reason\":\"lost in transit\"}");

    JsonNode refunded = awaitStatus(orderId, "REFUNDED");
    assertThat(refunded.path("shipmentState").asText()).isEqualTo("DISPATCHED");
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockAfterSale);
  }

  @Test
  void shouldRefuseBadRefundsAndChangeNothing() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String orderId = place(1, Orders.balance(price));
    awaitStatus(orderId, "COMPLETED");
    Wallet before = Wallet.of(operator, CUSTOMER);
    String refunds = "/api/v1/orders/" + orderId + "/refunds";

    assertThat(shop.post(refunds, Orders.newKey(), "{\"amount\":0,\"reason\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(
            shop.post(refunds, Orders.newKey(), "{\"amount\":" + (price + 1) + ",\"reason\":\"x\"}")
                .status())
        .isEqualTo(422);
    assertThat(
            shop.post(
                    refunds,
                    Orders.newKey(),
                    "{\"lines\":[{\"sku\":\"MUG-BLUE\",\"quantity\":1}],\"reason\":\"x\"}")
                .status())
        .isIn(400, 422);
    String rejected = place(1, Orders.card(price, "tok_declined"));
    awaitStatus(rejected, "REJECTED");
    assertThat(
            shop.post(
                    "/api/v1/orders/" + rejected + "/refunds",
                    Orders.newKey(),
                    "{\"amount\":1,\"reason\":\"x\"}")
                .status())
        .isEqualTo(409);
    assertThat(shop.post("/api/v1/orders/" + orderId + "/cancel", null, "{}").status())
        .isEqualTo(409);

    assertThat(Wallet.of(operator, CUSTOMER)).isEqualTo(before);
    assertThat(shop.get(refunds).body().path("items")).isEmpty();
  }

  private String place(int quantity, String... sources) {
    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.mixedBody(CUSTOMER, Catalog.PLENTIFUL_SKU, quantity, sources));
    assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
    return placed.body().path("orderId").asText();
  }

  private JsonNode refund(String orderId, String body) {
    ApiClient.Answer answer =
        shop.post("/api/v1/orders/" + orderId + "/refunds", Orders.newKey(), body);
    assertThat(answer.status()).as(String.valueOf(answer.body())).isIn(201, 202);
    return answer.body();
  }

  private JsonNode awaitStatus(String orderId, String status) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = shop.get("/api/v1/orders/" + orderId).body();
              return status.equals(last[0].path("status").asText());
            });
    return last[0];
  }
}
