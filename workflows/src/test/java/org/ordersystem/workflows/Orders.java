package org.ordersystem.workflows;

import java.util.List;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;

/** Object Mother of the orders the workflow tests place. */
final class Orders {

  static final String ORDER_ID = "ord-1001";
  static final String CUSTOMER_ID = "cust-1";

  private static final List<OrderLine> LINES =
      List.of(new OrderLine("SKU-TEA", 2, 1_200), new OrderLine("SKU-CUP", 1, 3_600));
  private static final long TOTAL = 6_000;
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("Hanako Yamada", "100-0001", "Tokyo", "1-1 Chiyoda", null, "JP");

  private Orders() {}

  /** Paid from the wallet balance alone. */
  static PlaceOrderRequest paidByBalance() {
    return order(List.of(new PaymentSource(SourceType.BALANCE, TOTAL, null)));
  }

  /** Paid by the wallet balance (leg 1) and points (leg 2). */
  static PlaceOrderRequest paidByBalanceAndPoints() {
    return order(
        List.of(
            new PaymentSource(SourceType.BALANCE, 4_000, null),
            new PaymentSource(SourceType.POINTS, 2_000, null)));
  }

  /**
   * Paid by card (leg 1), wallet balance (leg 2) and points (leg 3): the card comes first in the
   * request, yet it is tried last and captured first.
   */
  static PlaceOrderRequest paidByCardBalanceAndPoints(String cardToken) {
    return order(
        List.of(
            new PaymentSource(SourceType.CARD, 2_500, cardToken),
            new PaymentSource(SourceType.BALANCE, 2_500, null),
            new PaymentSource(SourceType.POINTS, 1_000, null)));
  }

  /** Paid by two cards (legs 1 and 2). */
  static PlaceOrderRequest paidByTwoCards() {
    return order(
        List.of(
            new PaymentSource(SourceType.CARD, 4_000, "tok_ok"),
            new PaymentSource(SourceType.CARD, 2_000, "tok_ok")));
  }

  /** The same order under another id, for tests that place several. */
  static PlaceOrderRequest withId(PlaceOrderRequest request, String orderId) {
    return new PlaceOrderRequest(
        orderId,
        request.shopId(),
        request.customerId(),
        request.lines(),
        request.total(),
        request.shippingAddress(),
        request.paymentSources());
  }

  private static PlaceOrderRequest order(List<PaymentSource> sources) {
    return new PlaceOrderRequest(ORDER_ID, "shop-1", CUSTOMER_ID, LINES, TOTAL, ADDRESS, sources);
  }
}
