package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

class OrderUiMetadataTest {

  private static final String CARD_TOKEN = "tok_secret_4242";
  private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00.123Z");
  private static final Instant SINCE = Instant.parse("2026-12-01T09:30:00.456Z");

  private static final PlaceOrderRequest ORDER = Orders.paidByCardBalanceAndPoints(CARD_TOKEN);

  @Test
  void shouldSummarizeShopTotalAndLineCount() {
    assertThat(OrderUiMetadata.summary(ORDER)).isEqualTo("shop-1 · 6,000 JPY · 2 lines");
    assertThat(OrderUiMetadata.summary(withLines(ORDER, ORDER.lines().subList(0, 1))))
        .endsWith(" · 1 line");
  }

  @Test
  void shouldListLinesAndPaymentSourcesInTheStaticDetails() {
    String details = OrderUiMetadata.details(ORDER);

    assertThat(details)
        .contains("- SKU-TEA × 2 (2,400 JPY)")
        .contains("- SKU-CUP × 1 (3,600 JPY)")
        .contains("- CARD 2,500 JPY")
        .contains("- BALANCE 2,500 JPY")
        .contains("- POINTS 1,000 JPY");
    assertNoPersonalData(details);
    assertNoPersonalData(OrderUiMetadata.summary(ORDER));
  }

  @Test
  void shouldStayWithinTheServersLimitsForALargeOrder() {
    List<OrderLine> lines =
        IntStream.range(0, 100).mapToObj(i -> new OrderLine("SKU-" + i, 1000, 100_000)).toList();
    PlaceOrderRequest large = withLines(withShop(ORDER, "s".repeat(500)), lines);

    assertThat(OrderUiMetadata.summary(large).getBytes(StandardCharsets.UTF_8).length)
        .isLessThan(300);
    assertThat(OrderUiMetadata.details(large))
        .contains("- SKU-19 × 1000 (100,000,000 JPY)")
        .doesNotContain("SKU-20 ")
        .contains("… and 80 more");
  }

  @Test
  void shouldShowTheStepAndTheStepsDoneOfAnOrderBeingPlaced() {
    String details =
        OrderUiMetadata.currentDetails(
            view(OrderStatus.CREATING, OrderStep.AUTHORIZE_PAYMENT, null), null);

    assertThat(details)
        .startsWith("**CREATING** at step AUTHORIZE_PAYMENT")
        .contains("Steps done: RESERVE_STOCK")
        .contains("updated 2026-12-01T09:00:00Z");
    assertNoPersonalData(details);
  }

  @Test
  void shouldTellHowToRetryOrRollBackAPendingOrder() {
    PendingInfo pending =
        new PendingInfo(
            OrderStep.REGISTER_SHIPPING,
            "CARRIER_REFUSED",
            "carrier `refused`\n" + "x".repeat(1_000),
            SINCE,
            2,
            true);

    String details =
        OrderUiMetadata.currentDetails(
            view(OrderStatus.PENDING, OrderStep.REGISTER_SHIPPING, pending), null);

    assertThat(details)
        .startsWith("**PENDING** at step REGISTER_SHIPPING")
        .contains("since 2026-12-01T09:30:00Z")
        .contains("Reason: CARRIER_REFUSED")
        .contains("Attempts: 2 (retry budgets used up at this step)")
        .contains("Message: `carrier 'refused' xxx")
        .contains("POST /api/v1/ops/orders/" + Orders.ORDER_ID + "/retry")
        .contains("Authorization: Bearer <operator key>")
        .contains("signal `retry`")
        .contains("\"requestedBy\": \"operator:<you>\"")
        .contains("POST /api/v1/ops/orders/" + Orders.ORDER_ID + "/rollback")
        .contains("signal `rollback`")
        .doesNotContain("x".repeat(OrderUiMetadata.MAX_TEXT_LENGTH));
    assertNoPersonalData(details);
  }

  @Test
  void shouldSayOnlyARetryHelpsOnceCaptureHasBegun() {
    PendingInfo pending =
        new PendingInfo(OrderStep.COMMIT_STOCK, "STEP_TIMED_OUT", "stock down", SINCE, 1, false);

    String details =
        OrderUiMetadata.currentDetails(
            view(OrderStatus.PENDING, OrderStep.COMMIT_STOCK, pending), null);

    assertThat(details)
        .contains("Reason: STEP_TIMED_OUT")
        .contains("/retry")
        .contains("capture has begun, so only a retry helps")
        .doesNotContain("/rollback")
        .doesNotContain("signal `rollback`");
  }

  @Test
  void shouldShowTheRefundWindowOfACompletedOrder() {
    Instant endsAt = CREATED.plus(Duration.ofDays(30));

    String details =
        OrderUiMetadata.currentDetails(
            view(OrderStatus.COMPLETED, OrderStep.COMPLETED, null), endsAt);

    assertThat(details)
        .startsWith("**COMPLETED**\n")
        .contains("Tracking number TRK-0001, shipment CREATED")
        .contains("Refund window open until 2026-12-31T09:00:00Z")
        .doesNotContain("What to do");
    assertNoPersonalData(details);
  }

  @Test
  void shouldSayNothingIsLeftToDoForARejectedOrder() {
    OrderView rejected =
        withReason(
            view(OrderStatus.REJECTED, OrderStep.RESERVE_STOCK, null),
            "OUT_OF_STOCK",
            "SKU-TEA: 0 left");

    assertThat(OrderUiMetadata.currentDetails(rejected, null))
        .startsWith("**REJECTED**\n")
        .contains("Reason: OUT_OF_STOCK (`SKU-TEA: 0 left`)")
        .contains("Nothing to do");
  }

  private static void assertNoPersonalData(String text) {
    assertThat(text)
        .doesNotContain(CARD_TOKEN)
        .doesNotContain("Hanako")
        .doesNotContain("Yamada")
        .doesNotContain("Chiyoda")
        .doesNotContain("100-0001")
        .doesNotContain(Orders.CUSTOMER_ID);
  }

  private static OrderView view(OrderStatus status, OrderStep step, PendingInfo pending) {
    List<OrderStep> done = List.of(OrderStep.values()).subList(0, step.ordinal());
    return new OrderView(
        Orders.ORDER_ID,
        ORDER.shopId(),
        ORDER.customerId(),
        status,
        step,
        done,
        ORDER.total(),
        null,
        null,
        ORDER.lines(),
        List.of(new PaymentLeg("1", SourceType.CARD, 2_500, LegState.AUTHORIZED, "psp-1", null)),
        step.ordinal() > OrderStep.REGISTER_SHIPPING.ordinal() ? "TRK-0001" : null,
        7,
        CREATED,
        CREATED,
        step.ordinal() > OrderStep.REGISTER_SHIPPING.ordinal()
            ? ShipmentState.CREATED
            : ShipmentState.NONE,
        0,
        pending);
  }

  private static OrderView withReason(OrderView view, String reason, String detail) {
    return new OrderView(
        view.orderId(),
        view.shopId(),
        view.customerId(),
        view.status(),
        view.step(),
        view.stepsDone(),
        view.total(),
        reason,
        detail,
        view.lines(),
        view.legs(),
        view.trackingNumber(),
        view.version(),
        view.createdAt(),
        view.updatedAt(),
        view.shipmentState(),
        view.refundedAmount(),
        view.pending());
  }

  private static PlaceOrderRequest withLines(PlaceOrderRequest request, List<OrderLine> lines) {
    return new PlaceOrderRequest(
        request.orderId(),
        request.shopId(),
        request.customerId(),
        lines,
        request.total(),
        request.shippingAddress(),
        request.paymentSources());
  }

  private static PlaceOrderRequest withShop(PlaceOrderRequest request, String shopId) {
    return new PlaceOrderRequest(
        request.orderId(),
        shopId,
        request.customerId(),
        request.lines(),
        request.total(),
        request.shippingAddress(),
        request.paymentSources());
  }
}
