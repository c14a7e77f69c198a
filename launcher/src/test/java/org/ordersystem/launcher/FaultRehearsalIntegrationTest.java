package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.LegState;

/** Failures rehearsed through the dev fault API, as an operator would rehearse them. */
class FaultRehearsalIntegrationTest {

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @AfterEach
  void clearFaults() {
    for (String service : new String[] {"stock", "shipping", "payment"}) {
      operator.delete("/api/v1/dev/faults/" + service);
    }
  }

  @Test
  void shouldCompleteOnceAShippingOutageShorterThanTheBudgetClears() throws InterruptedException {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    assertThat(operator.put("/api/v1/dev/faults/shipping", "{\"outage\":true}").status())
        .isEqualTo(200);

    String orderId = Orders.placeOne(shop, price);
    Thread.sleep(3000);
    JsonNode during = shop.get("/api/v1/orders/" + orderId).body();
    assertThat(during.path("status").asText()).isEqualTo("CREATING");
    assertThat(during.path("step").asText()).isEqualTo("REGISTER_SHIPPING");

    assertThat(operator.delete("/api/v1/dev/faults/shipping").status()).isIn(200, 204);

    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(90));
    assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void shouldChargeExactlyOnceWhenThePaymentServiceCommitsThenTimesOut()
      throws InterruptedException {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long balanceBefore = Catalog.balance(operator, Orders.CUSTOMER);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    operator.put("/api/v1/dev/faults/payment", "{\"commitThenTimeout\":true}");

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 3, 3 * price));
    assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
    String orderId = placed.body().path("orderId").asText();
    Thread.sleep(2000);
    operator.delete("/api/v1/dev/faults/payment");

    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(90));
    assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(Backends.get().payment(orderId).getLegsList())
        .singleElement()
        .satisfies(leg -> assertThat(leg.getState()).isEqualTo(LegState.LEG_STATE_CAPTURED));
    assertThat(Catalog.balance(operator, Orders.CUSTOMER)).isEqualTo(balanceBefore - 3 * price);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore - 3);
  }

  @Test
  void shouldRefuseFaultControlToShopsAndUnknownServices() {
    assertThat(shop.put("/api/v1/dev/faults/stock", "{\"outage\":true}").status()).isEqualTo(403);
    assertThat(operator.put("/api/v1/dev/faults/nowhere", "{\"outage\":true}").status())
        .isEqualTo(404);
    assertThat(operator.put("/api/v1/dev/faults/stock", "{\"errorRate\":2}").status())
        .isEqualTo(400);
  }
}
