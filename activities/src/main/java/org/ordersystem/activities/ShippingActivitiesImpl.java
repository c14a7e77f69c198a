package org.ordersystem.activities;

import io.grpc.StatusRuntimeException;
import org.ordersystem.proto.shipping.v1.Address;
import org.ordersystem.proto.shipping.v1.CancelShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShipmentLine;
import org.ordersystem.workflows.activities.ShippingActivities;
import org.ordersystem.workflows.model.ShippingAddress;

/** Calls the shipping service; the shipment id is the order id. */
public final class ShippingActivitiesImpl implements ShippingActivities {

  private final ServiceClients clients;

  public ShippingActivitiesImpl(ServiceClients clients) {
    this.clients = clients;
  }

  @Override
  public Shipment registerShipment(RegisterShipmentInput input) {
    CreateShipmentRequest.Builder request =
        CreateShipmentRequest.newBuilder()
            .setIdempotencyKey(input.idempotencyKey())
            .setShipmentId(input.orderId())
            .setAddress(toProto(input.address()));
    input
        .lines()
        .forEach(
            line ->
                request.addLines(
                    ShipmentLine.newBuilder().setSku(line.sku()).setQuantity(line.quantity())));
    try {
      CreateShipmentResponse response = clients.shipping().createShipment(request.build());
      return new Shipment(response.getShipmentId(), response.getTrackingNumber());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("CreateShipment", e);
    }
  }

  @Override
  public void cancelShipment(ShipmentRef ref) {
    try {
      clients
          .shipping()
          .cancelShipment(
              CancelShipmentRequest.newBuilder()
                  .setIdempotencyKey(ref.idempotencyKey())
                  .setShipmentId(ref.orderId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("CancelShipment", e);
    }
  }

  private static Address toProto(ShippingAddress a) {
    return Address.newBuilder()
        .setName(a.name())
        .setPostalCode(a.postalCode())
        .setRegion(a.region())
        .setLine1(a.line1())
        .setLine2(a.line2() == null ? "" : a.line2())
        .setCountry(a.country())
        .build();
  }
}
