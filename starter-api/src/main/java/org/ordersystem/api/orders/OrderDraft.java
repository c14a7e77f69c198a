package org.ordersystem.api.orders;

import java.util.List;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShippingAddress;

/** A POST /orders body that passed validation, before pricing. */
record OrderDraft(
    String customerId,
    List<Line> lines,
    ShippingAddress shippingAddress,
    List<PaymentSource> sources) {

  /** A line as ordered. */
  record Line(String sku, int quantity) {}

  static OrderDraft of(OrderRequestBody body) {
    return new OrderDraft(
        body.customerId(),
        body.lines().stream().map(l -> new Line(l.sku(), l.quantity())).toList(),
        body.shippingAddress().toShippingAddress(),
        body.payment().sources().stream().map(OrderRequestBody.Source::toPaymentSource).toList());
  }
}
