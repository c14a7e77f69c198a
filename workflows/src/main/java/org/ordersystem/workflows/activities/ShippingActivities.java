package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.ShippingAddress;

/** Registers shipments through the shipping service. */
@ActivityInterface
public interface ShippingActivities {

  /** Register the parcel of an order; the shipment id is the order id. */
  record RegisterShipmentInput(
      String idempotencyKey, String orderId, ShippingAddress address, List<OrderLine> lines) {}

  /** The registered shipment. */
  record Shipment(String shipmentId, String trackingNumber) {}

  /** A shipment to cancel. */
  record ShipmentRef(String idempotencyKey, String orderId) {}

  /** Registers the shipment. Fails non-retryably with INVALID_ADDRESS or ALREADY_CLOSED. */
  Shipment registerShipment(RegisterShipmentInput input);

  /**
   * Undoes {@link #registerShipment}; succeeds when nothing was registered. Fails non-retryably
   * with ALREADY_DISPATCHED once the carrier has picked the parcel up.
   */
  void cancelShipment(ShipmentRef ref);
}
