package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.proto.psp.v1.CaptureRequest;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;

/**
 * Payment reconciliation on the running stack, through the dev fault API and the ops API: card
 * calls that succeed at the provider while our side times out, the provider's events delivered
 * twice and out of order, and a charge no order is behind. After one run the provider, the ledger
 * and the orders agree to the yen, nobody is charged twice and nothing is left OPEN.
 */
class ReconciliationIntegrationTest {

  private static final String CUSTOMER = "cust-002";
  private static final long CARD = 1_000;
  private static final long STRAY = 700;

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @AfterEach
  void clearFaults() {
    operator.delete("/api/v1/dev/faults/psp");
    operator.delete("/api/v1/dev/faults/shipping");
  }

  @Test
  void shouldReconcileTimeoutsAfterSuccessAndRefundAStrayChargeWithNothingLeftOpen() {
    long total = 2 * Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(operator, CUSTOMER);
    String stray = "order-stray-" + UUID.randomUUID() + ":1";
    Authorization strayCharge = chargeWithoutAnOrder(stray);

    // Order A holds its card at the provider while shipping is down.
    operator.put("/api/v1/dev/faults/shipping", "{\"outage\":true}");
    String a = place(total);
    // From now on the provider does the work and our side never hears back.
    assertThat(
            operator
                .put(
                    "/api/v1/dev/faults/psp",
                    "{\"commitThenTimeout\":true,\"duplicateEvents\":true,\"reorderEvents\":true}")
                .status())
        .isEqualTo(200);
    // Order B's card authorization happens at the provider; its answer is lost.
    String b = place(total);
    // A registers shipping and captures the card: the capture happens, its answer is lost.
    operator.delete("/api/v1/dev/faults/shipping");

    awaitPending(a, "CAPTURE_PAYMENT");
    awaitPending(b, "AUTHORIZE_PAYMENT");
    // The provider answers again; its event delivery stays duplicated and reordered.
    operator.put("/api/v1/dev/faults/psp", "{\"duplicateEvents\":true,\"reorderEvents\":true}");
    assertThat(pspOf(a).getCapturedAmount()).as("A captured at the provider").isEqualTo(CARD);
    assertThat(cardLeg(a).getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    assertThat(pspOf(b).getAmount()).as("B authorized at the provider").isEqualTo(CARD);
    JsonNode summary = runReconciliation();

    assertThat(summary.path("classes").path("MISSING_INTERNAL").asInt())
        .as(summary.toString())
        .isGreaterThanOrEqualTo(3);
    assertThat(summary.path("events").path("duplicates").asInt()).isPositive();
    for (String orderId : List.of(a, b)) {
      JsonNode order = Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60));
      assertThat(order.path("status").asText()).as(order.toString()).isEqualTo("COMPLETED");
      Authorization card = pspOf(orderId);
      assertThat(card.getCapturedAmount()).as("charged once, in full").isEqualTo(CARD);
      assertThat(card.getRefundedAmount()).isZero();
      Leg leg = cardLeg(orderId);
      assertThat(leg.getState()).isEqualTo(LegState.LEG_STATE_CAPTURED);
      assertThat(leg.getPspAuthorizationId()).isEqualTo(card.getAuthorizationId());
    }
    Authorization strayAfter = Backends.get().cardAuthorization(stray);
    assertThat(strayAfter.getCapturedAmount() - strayAfter.getRefundedAmount())
        .as("the stray charge went back to the card")
        .isZero();
    assertThat(strayAfter.getAuthorizationId()).isEqualTo(strayCharge.getAuthorizationId());

    List<String> references = List.of(a + ":2", b + ":2", stray);
    assertThat(mismatches("OPEN", references)).as("left OPEN").isEmpty();
    assertThat(mismatches("AUTO_RESOLVED", references))
        .extracting(m -> m.path("reference").asText())
        .containsExactlyInAnyOrderElementsOf(references);

    Wallet after = Wallet.of(operator, CUSTOMER);
    assertThat(after.balanceAvailable()).isEqualTo(before.balanceAvailable() - 2 * (total - CARD));
    assertThat(after.balancePending()).isEqualTo(before.balancePending());
    Wallet.assertLedgerBalanced(operator);
  }

  @Test
  void shouldRefuseBadOpsInputWithProblemsAndChangeNothing() {
    assertThat(operator.get("/api/v1/ops/reconciliation/mismatches?state=DONE").status())
        .isEqualTo(400);
    assertThat(
            operator
                .post("/api/v1/ops/reconciliation/mismatches/1/resolve", null, "{\"note\":\"\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            operator
                .post(
                    "/api/v1/ops/reconciliation/mismatches/999999999/resolve",
                    null,
                    "{\"note\":\"checked\"}")
                .status())
        .isEqualTo(404);
    assertThat(shop.post("/api/v1/ops/reconciliation/runs", null, "").status()).isEqualTo(403);
  }

  private String place(long total) {
    ApiClient.Answer placed =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.mixedBody(
                CUSTOMER,
                Catalog.PLENTIFUL_SKU,
                2,
                Orders.balance(total - CARD),
                Orders.card(CARD, "tok_ok")));
    assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
    return placed.body().path("orderId").asText();
  }

  /** Waits (a step's retry budget and a little) until the order is PENDING at {@code step}. */
  private void awaitPending(String orderId, String step) {
    await()
        .atMost(RunningStack.STEP_RETRY_BUDGET.plusMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode order = shop.get("/api/v1/orders/" + orderId).body();
              return order != null
                  && "PENDING".equals(order.path("status").asText())
                  && step.equals(order.path("step").asText());
            });
  }

  /** Runs reconciliation now; follows a 202 to the run's summary. */
  private JsonNode runReconciliation() {
    ApiClient.Answer run = operator.post("/api/v1/ops/reconciliation/runs", null, "");
    assertThat(run.status()).as(String.valueOf(run.body())).isIn(200, 202);
    if (run.status() == 200) {
      return run.body();
    }
    JsonNode[] summary = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              ApiClient.Answer found = operator.get(run.location());
              summary[0] = found.body();
              return found.status() == 200;
            });
    return summary[0];
  }

  private List<JsonNode> mismatches(String state, List<String> references) {
    List<JsonNode> found = new ArrayList<>();
    String token = null;
    do {
      ApiClient.Answer page =
          operator.get(
              "/api/v1/ops/reconciliation/mismatches?pageSize=200&state="
                  + state
                  + (token == null ? "" : "&pageToken=" + token));
      assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
      page.body()
          .path("items")
          .forEach(
              m -> {
                if (references.contains(m.path("reference").asText())) {
                  found.add(m);
                }
              });
      JsonNode next = page.body().path("nextPageToken");
      token = next.isNull() || next.isMissingNode() ? null : next.asText();
    } while (token != null);
    return found;
  }

  private static Authorization pspOf(String orderId) {
    return Backends.get().cardAuthorization(orderId + ":2");
  }

  private static Leg cardLeg(String orderId) {
    return Backends.get().payment(orderId).getLegsList().stream()
        .filter(l -> l.getSourceType() == SourceType.SOURCE_TYPE_CARD)
        .findFirst()
        .orElseThrow();
  }

  /** A charge at the provider that no order of ours made: authorized and captured directly. */
  private static Authorization chargeWithoutAnOrder(String reference) {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(RunningStack.get().pspTarget()).usePlaintext().build();
    try {
      var psp = PspServiceGrpc.newBlockingStub(channel);
      Authorization auth =
          psp.authorize(
                  AuthorizeRequest.newBuilder()
                      .setIdempotencyKey("stray-authorize-" + reference)
                      .setReference(reference)
                      .setCardToken("tok_ok")
                      .setAmount(STRAY)
                      .build())
              .getAuthorization();
      return psp.capture(
              CaptureRequest.newBuilder()
                  .setIdempotencyKey("stray-capture-" + reference)
                  .setAuthorizationId(auth.getAuthorizationId())
                  .setAmount(STRAY)
                  .build())
          .getAuthorization();
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
