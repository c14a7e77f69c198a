package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.proto.stock.v1.ReservationState;
import org.ordersystem.workflows.model.OrderStatus;

/** Orders placed through REST on the running local stack, as a shop's frontend places them. */
class PlaceOrderIntegrationTest {

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @Test
  void shouldCompleteAnOrderAndAgreeAcrossReadModelWorkflowAndServices() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    long balanceBefore = Catalog.balance(operator, Orders.CUSTOMER);

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 2, 2 * price));

    assertThat(placed.status()).as(placed.toString()).isIn(201, 202);
    String orderId = placed.body().path("orderId").asText();
    assertThat(placed.location()).endsWith("/api/v1/orders/" + orderId);
    assertThat(placed.body().path("total").asLong()).isEqualTo(2 * price);
    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(order.path("step").asText()).isEqualTo("COMPLETED");

    Backends backends = Backends.get();
    assertThat(backends.workflowQuery(orderId).status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(backends.reservation(orderId).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
    assertThat(backends.payment(orderId).getLegsList())
        .allMatch(leg -> leg.getState() == LegState.LEG_STATE_CAPTURED);
    assertThat(backends.shipment(orderId).getState())
        .isEqualTo(ShipmentState.SHIPMENT_STATE_CREATED);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore - 2);
    assertThat(Catalog.balance(operator, Orders.CUSTOMER)).isEqualTo(balanceBefore - 2 * price);
  }

  @Test
  void shouldListTheShopsOrdersFromTheReadModel() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String orderId =
        shop.post(
                "/api/v1/orders",
                Orders.newKey(),
                Orders.body(Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price))
            .body()
            .path("orderId")
            .asText();
    Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));

    ApiClient.Answer page =
        shop.get("/api/v1/orders?customerId=" + Orders.CUSTOMER + "&status=COMPLETED&pageSize=1");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body().path("items")).hasSize(1);
    assertThat(page.body().path("items").get(0).path("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void shouldRejectAnOrderBeyondTheStockWithNothingReserved() {
    long price = Catalog.unitPrice(shop, Catalog.SCARCE_SKU);
    long available = Catalog.available(shop, Catalog.SCARCE_SKU);
    long balanceBefore = Catalog.balance(operator, Orders.CUSTOMER);
    int quantity = (int) available + 1;

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(Orders.CUSTOMER, Catalog.SCARCE_SKU, quantity, quantity * price));

    assertThat(placed.status()).as(placed.toString()).isIn(201, 202);
    JsonNode order =
        Orders.awaitFinal(shop, placed.body().path("orderId").asText(), Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    assertThat(order.path("reason").asText()).isEqualTo("OUT_OF_STOCK");
    assertThat(Catalog.available(shop, Catalog.SCARCE_SKU)).isEqualTo(available);
    assertThat(Catalog.balance(operator, Orders.CUSTOMER)).isEqualTo(balanceBefore);
  }

  @Test
  void shouldRejectADeclinedPaymentAndReleaseTheStock() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long poorBalance = Catalog.balance(operator, Orders.POOR_CUSTOMER);
    int quantity = (int) (poorBalance / price) + 1;
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(Orders.POOR_CUSTOMER, Catalog.PLENTIFUL_SKU, quantity, quantity * price));

    String orderId = placed.body().path("orderId").asText();
    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    assertThat(Backends.get().reservation(orderId).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
    assertThat(Catalog.balance(operator, Orders.POOR_CUSTOMER)).isEqualTo(poorBalance);
  }

  @Test
  void shouldReplayTheFirstAnswerForTheSameIdempotencyKey() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String key = Orders.newKey();
    String body = Orders.body(Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);

    ApiClient.Answer first = shop.post("/api/v1/orders", key, body);
    String orderId = first.body().path("orderId").asText();
    Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    ApiClient.Answer replay = shop.post("/api/v1/orders", key, body);

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body().path("orderId").asText()).isEqualTo(orderId);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore - 1);
  }
}
