package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.psp.v1.AuthorizationState;

/**
 * Mixed-source orders placed while the payment service and the PSP misbehave; afterwards money,
 * points, the ledger and the PSP agree with the orders' final states, to the yen.
 */
class PaymentChaosIntegrationTest {

  private static final String CUSTOMER = "cust-005";
  private static final String[] TOKENS = {
    "tok_ok", "tok_ok", "tok_declined", "tok_insufficient_funds"
  };

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @AfterEach
  void clearFaults() {
    operator.delete("/api/v1/dev/faults/payment");
    operator.delete("/api/v1/dev/faults/psp");
  }

  @Test
  void shouldKeepMoneyPointsLedgerAndPspInAgreementThroughFaults() throws InterruptedException {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(operator, CUSTOMER);
    operator.put("/api/v1/dev/faults/payment", "{\"errorRate\":0.3}");
    operator.put("/api/v1/dev/faults/psp", "{\"errorRate\":0.3,\"latencyMs\":100}");

    List<String> orderIds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long total = 3 * price;
      ApiClient.Answer placed =
          shop.post(
              "/api/v1/orders",
              Orders.newKey(),
              Orders.mixedBody(
                  CUSTOMER,
                  Catalog.PLENTIFUL_SKU,
                  3,
                  Orders.balance(total - 1700),
                  Orders.points(700),
                  Orders.card(1000, TOKENS[i % TOKENS.length])));
      assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
      orderIds.add(placed.body().path("orderId").asText());
      if (i == 4) {
        operator.put("/api/v1/dev/faults/payment", "{\"commitThenTimeout\":true}");
      }
    }
    Thread.sleep(2000);
    clearFaults();

    long balanceSpent = 0;
    long pointsSpent = 0;
    for (String orderId : orderIds) {
      JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(120));
      AuthorizationState card = cardState(orderId);
      if (order.path("status").asText().equals("COMPLETED")) {
        balanceSpent += 3 * price - 1700;
        pointsSpent += 700;
        assertThat(card).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
      } else {
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(card)
            .isNotIn(
                AuthorizationState.AUTHORIZATION_STATE_CAPTURED,
                AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
      }
    }

    Wallet after = Wallet.of(operator, CUSTOMER);
    assertThat(after.balanceAvailable()).isEqualTo(before.balanceAvailable() - balanceSpent);
    assertThat(after.pointsAvailable()).isEqualTo(before.pointsAvailable() - pointsSpent);
    assertThat(after.balancePending()).isEqualTo(before.balancePending());
    assertThat(after.pointsPending()).isEqualTo(before.pointsPending());
    assertThat(balanceSpent).as("some orders must have completed").isPositive();
    Wallet.assertLedgerBalanced(operator);
  }

  /** The card leg's authorization at the PSP, or UNSPECIFIED when the PSP never saw it. */
  private static AuthorizationState cardState(String orderId) {
    try {
      return Backends.get().cardAuthorization(orderId + ":3").getState();
    } catch (io.grpc.StatusRuntimeException notFound) {
      return AuthorizationState.AUTHORIZATION_STATE_UNSPECIFIED;
    }
  }
}
