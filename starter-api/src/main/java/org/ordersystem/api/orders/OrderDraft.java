package org.ordersystem.api.orders;

import java.util.List;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShippingAddress;

/**
 * A POST /orders body as read from JSON, before pricing. Fields that were missing or invalid are
 * null (their errors are reported next to the draft), so pricing can still check what is usable.
 */
record OrderDraft(
    String customerId,
    List<Line> lines,
    ShippingAddress shippingAddress,
    List<PaymentSource> sources) {

  /** A line as ordered; {@code sku} is null when invalid or a duplicate. */
  record Line(String sku, Integer quantity) {}
}
