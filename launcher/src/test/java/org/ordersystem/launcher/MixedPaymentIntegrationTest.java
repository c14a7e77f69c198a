package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;

/** Orders paid with wallet balance, points and card at once, through REST on the running stack. */
class MixedPaymentIntegrationTest {

  private static final String CUSTOMER = "cust-004";

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @Test
  void shouldCaptureEveryLegOfAMixedSourceOrder() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long total = 4 * price;
    Wallet before = Wallet.of(operator, CUSTOMER);

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.mixedBody(
                CUSTOMER,
                Catalog.PLENTIFUL_SKU,
                4,
                Orders.balance(total - 3000),
                Orders.points(1000),
                Orders.card(2000, "tok_ok")));
    assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
    String orderId = placed.body().path("orderId").asText();

    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(order.path("payment").path("legs")).hasSize(3);
    order
        .path("payment")
        .path("legs")
        .forEach(leg -> assertThat(leg.path("state").asText()).isEqualTo("CAPTURED"));
    assertThat(Backends.get().payment(orderId).getLegsList())
        .hasSize(3)
        .allMatch(leg -> leg.getState() == LegState.LEG_STATE_CAPTURED);
    Authorization card = Backends.get().cardAuthorization(orderId + ":3");
    assertThat(card.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
    assertThat(order.path("payment").path("legs").get(2).path("pspAuthorizationId").asText())
        .as("the card leg names the provider's authorization")
        .isEqualTo(card.getAuthorizationId());
    assertThat(order.path("payment").path("legs").get(0).path("pspAuthorizationId").isNull())
        .isTrue();
    Wallet after = Wallet.of(operator, CUSTOMER);
    assertThat(after.balanceAvailable()).isEqualTo(before.balanceAvailable() - (total - 3000));
    assertThat(after.pointsAvailable()).isEqualTo(before.pointsAvailable() - 1000);
    assertThat(after.balancePending()).isEqualTo(before.balancePending());
    assertThat(after.pointsPending()).isEqualTo(before.pointsPending());
    Wallet.assertLedgerBalanced(operator);
  }

  @Test
  void shouldRestoreBalanceAndPointsExactlyWhenTheCardIsDeclined() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long total = 2 * price;
    Wallet before = Wallet.of(operator, CUSTOMER);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);

    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.mixedBody(
                CUSTOMER,
                Catalog.PLENTIFUL_SKU,
                2,
                Orders.balance(total - 1500),
                Orders.points(500),
                Orders.card(1000, "tok_declined")));
    String orderId = placed.body().path("orderId").asText();

    JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asText()).isEqualTo("REJECTED");
    assertThat(order.path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
    assertThat(Backends.get().payment(orderId).getLegsList())
        .noneMatch(leg -> leg.getState() == LegState.LEG_STATE_CAPTURED)
        .noneMatch(leg -> leg.getState() == LegState.LEG_STATE_AUTHORIZED);
    assertThat(Wallet.of(operator, CUSTOMER)).isEqualTo(before);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    Wallet.assertLedgerBalanced(operator);
  }
}
