package org.ordersystem.workflows.model;

import java.util.List;

/**
 * Everything an order workflow needs, validated and priced by the API before the workflow starts.
 *
 * @param orderId the order's id; the workflow id is {@code order-<orderId>}
 * @param shopId the shop that placed the order (from its API key)
 * @param total sum of the line amounts, equal to the sum of the payment sources
 * @param resume null for a new order; for a run continued as new, the state it resumes from
 */
public record PlaceOrderRequest(
    String orderId,
    String shopId,
    String customerId,
    List<OrderLine> lines,
    long total,
    ShippingAddress shippingAddress,
    List<PaymentSource> paymentSources,
    OrderResume resume) {

  /** A new order, placed by the API. */
  public PlaceOrderRequest(
      String orderId,
      String shopId,
      String customerId,
      List<OrderLine> lines,
      long total,
      ShippingAddress shippingAddress,
      List<PaymentSource> paymentSources) {
    this(orderId, shopId, customerId, lines, total, shippingAddress, paymentSources, null);
  }

  /** The same order, resumed from {@code state} by a run continued as new. */
  public PlaceOrderRequest resumingFrom(OrderResume state) {
    return new PlaceOrderRequest(
        orderId, shopId, customerId, lines, total, shippingAddress, paymentSources, state);
  }

  /** The workflow id of an order. */
  public static String workflowId(String orderId) {
    return "order-" + orderId;
  }
}
