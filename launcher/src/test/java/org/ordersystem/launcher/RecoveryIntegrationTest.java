package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.proto.stock.v1.ReservationState;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepSummary;

/**
 * No order stuck in silence, end to end on a stack with a 3-second step budget ({@link
 * RecoveryStack}): a shipping outage outlasts the budget, the order turns PENDING at
 * REGISTER_SHIPPING and the webhook hears of it; then the workers' own sweep, or an operator,
 * resolves it, and stock, money, shipment, read model and workflow agree.
 */
class RecoveryIntegrationTest {

  /** The shop of the stack's demo shop key. */
  private static final String DEMO_SHOP = "demo-shop";

  private final ApiClient shop = RecoveryStack.shop();
  private final ApiClient operator = RecoveryStack.operator();
  private final WebhookReceiver webhook = RecoveryStack.webhook();
  private final Backends backends = Backends.of(RecoveryStack.get());

  @AfterEach
  void clearFaults() {
    operator.delete("/api/v1/dev/faults/shipping");
  }

  @Test
  void shouldRetryAPendingOrderOnItsOwnOnceShippingIsBack() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    long balanceBefore = Catalog.balance(operator, Orders.CUSTOMER);
    shippingDown();

    String orderId = Orders.placeOne(shop, price);
    awaitPendingAtShipping(orderId);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU))
        .as("a PENDING order holds its stock")
        .isEqualTo(stockBefore - 1);
    shippingUp();

    // The sweep retries it once its backoff is over; nobody else touches it.
    JsonNode order = Orders.awaitStatus(shop, orderId, "COMPLETED", Duration.ofSeconds(90));

    assertThat(order.path("step").asText()).isEqualTo("COMPLETED");
    assertCompletedEverywhere(orderId);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore - 1);
    assertThat(Catalog.balance(operator, Orders.CUSTOMER)).isEqualTo(balanceBefore - price);
    Wallet.assertLedgerBalanced(operator);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(webhook.sweepItemsFor(orderId))
                    .as("a sweep summary reports the retry")
                    .anySatisfy(
                        item -> {
                          assertThat(item.path("decision").asText()).isEqualTo("RETRY");
                          assertThat(item.path("outcome").asText()).isEqualTo("COMPLETED");
                          assertThat(item.path("step").asText()).isEqualTo("REGISTER_SHIPPING");
                        }));
    assertThat(recordedSweepItems(orderId))
        .as("the sweep's record in the read model")
        .anySatisfy(
            item -> {
              assertThat(item.decision().name()).isEqualTo("RETRY");
              assertThat(item.outcome()).isEqualTo(OrderStatus.COMPLETED);
            });
  }

  @Test
  void shouldCompleteAPendingOrderAnOperatorRetries() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long balanceBefore = Catalog.balance(operator, Orders.CUSTOMER);
    shippingDown();
    String orderId = Orders.placeOne(shop, price);
    awaitPendingAtShipping(orderId);
    assertThat(operator.get("/api/v1/ops/orders?status=PENDING&limit=100").body().path("items"))
        .as("operators find it among the PENDING orders")
        .anySatisfy(item -> assertThat(item.path("orderId").asText()).isEqualTo(orderId));
    shippingUp();

    ApiClient.Answer retried =
        operator.post(
            "/api/v1/ops/orders/" + orderId + "/retry", null, "{\"note\": \"shipping is back\"}");

    assertThat(retried.status()).as(String.valueOf(retried.body())).isIn(200, 202);
    JsonNode order = Orders.awaitStatus(shop, orderId, "COMPLETED", Duration.ofSeconds(30));
    assertThat(order.path("pending").isNull()).as(order.toString()).isTrue();
    assertCompletedEverywhere(orderId);
    assertThat(Catalog.balance(operator, Orders.CUSTOMER)).isEqualTo(balanceBefore - price);
    ApiClient.Answer again = operator.post("/api/v1/ops/orders/" + orderId + "/retry", null, "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("type").asText()).endsWith("order-not-pending");
    assertThat(backends.workflowQuery(orderId).version())
        .as("the refused retry changed nothing")
        .isEqualTo(RecoveryStack.orders().find(orderId).orElseThrow().version());
  }

  @Test
  void shouldRollAPendingOrderBackAndReleaseEverythingItHeld() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    Wallet walletBefore = Wallet.of(operator, Orders.CUSTOMER);
    shippingDown();
    String orderId = Orders.placeOne(shop, price);
    awaitPendingAtShipping(orderId);

    // Accepted while shipping is still down: cancelling the shipment it may have registered
    // waits for shipping, so the answer is a 202 and the order ends CANCELLED once it is back.
    ApiClient.Answer rollback =
        operator.post(
            "/api/v1/ops/orders/" + orderId + "/rollback",
            null,
            "{\"note\": \"customer no longer wants it\"}");
    assertThat(rollback.status()).as(String.valueOf(rollback.body())).isIn(200, 202);
    shippingUp();

    JsonNode order = Orders.awaitStatus(shop, orderId, "CANCELLED", Duration.ofSeconds(60));
    assertThat(order.path("reason").asText()).isEqualTo(OrderWorkflow.ROLLED_BACK);
    assertThat(order.path("reasonDetail").asText()).contains("customer no longer wants it");
    assertThat(backends.workflowQuery(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(RecoveryStack.orders().find(orderId).orElseThrow().pending()).isNull();
    assertThat(backends.reservation(orderId).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
    assertThat(backends.payment(orderId).getLegsList())
        .allMatch(leg -> leg.getState() == LegState.LEG_STATE_VOIDED);
    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    assertThat(Wallet.of(operator, Orders.CUSTOMER)).isEqualTo(walletBefore);
    Wallet.assertLedgerBalanced(operator);
  }

  private void shippingDown() {
    assertThat(operator.put("/api/v1/dev/faults/shipping", "{\"outage\":true}").status())
        .isEqualTo(200);
  }

  private void shippingUp() {
    assertThat(operator.delete("/api/v1/dev/faults/shipping").status()).isIn(200, 204);
  }

  /**
   * Waits until the order is PENDING at REGISTER_SHIPPING for a budget that ran out, and checks
   * that the read model, the workflow and the webhook all say so.
   */
  private void awaitPendingAtShipping(String orderId) {
    JsonNode order = Orders.awaitStatus(shop, orderId, "PENDING", Duration.ofSeconds(30));
    assertThat(order.path("step").asText()).isEqualTo("REGISTER_SHIPPING");
    JsonNode pending = order.path("pending");
    assertThat(pending.path("step").asText()).as(order.toString()).isEqualTo("REGISTER_SHIPPING");
    assertThat(pending.path("reason").asText()).isEqualTo("STEP_TIMED_OUT");
    assertThat(pending.path("message").asText()).contains("CreateShipment");
    assertThat(pending.path("attempts").asInt()).isEqualTo(1);
    assertThat(pending.path("rollbackAllowed").asBoolean()).isTrue();
    PendingInfo inReadModel = RecoveryStack.orders().find(orderId).orElseThrow().pending();
    assertThat(inReadModel.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(inReadModel.reason()).isEqualTo("STEP_TIMED_OUT");
    assertThat(inReadModel.rollbackAllowed()).isTrue();
    assertThat(backends.workflowQuery(orderId).pending()).isEqualTo(inReadModel);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(webhook.about(orderId, "ORDER_PENDING"))
                    .isNotEmpty()
                    .allSatisfy(
                        delivery -> {
                          assertThat(delivery.contentType()).isEqualTo("application/json");
                          assertThat(delivery.notificationId())
                              .isEqualTo(delivery.body().path("notificationId").asText());
                          assertThat(delivery.body().path("pending").path("step").asText())
                              .isEqualTo("REGISTER_SHIPPING");
                          assertThat(delivery.body().path("pending").path("reason").asText())
                              .isEqualTo("STEP_TIMED_OUT");
                          assertThat(delivery.body().path("shopId").asText()).isEqualTo(DEMO_SHOP);
                        }));
  }

  private void assertCompletedEverywhere(String orderId) {
    OrderView inWorkflow = backends.workflowQuery(orderId);
    assertThat(inWorkflow.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(RecoveryStack.orders().find(orderId).orElseThrow())
        .satisfies(
            stored -> {
              assertThat(stored.status()).isEqualTo(OrderStatus.COMPLETED);
              assertThat(stored.pending()).isNull();
              assertThat(stored.version()).isEqualTo(inWorkflow.version());
            });
    assertThat(backends.reservation(orderId).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);
    assertThat(backends.payment(orderId).getLegsList())
        .allMatch(leg -> leg.getState() == LegState.LEG_STATE_CAPTURED);
    assertThat(backends.shipment(orderId).getState())
        .isEqualTo(ShipmentState.SHIPMENT_STATE_CREATED);
  }

  private List<SweepItem> recordedSweepItems(String orderId) {
    return RecoveryStack.sweeps().recentSweeps(100).stream()
        .map(SweepSummary::items)
        .flatMap(List::stream)
        .filter(item -> item.orderId().equals(orderId))
        .toList();
  }
}
