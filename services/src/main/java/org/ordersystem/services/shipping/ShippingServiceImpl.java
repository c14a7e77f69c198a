package org.ordersystem.services.shipping;

import io.grpc.stub.StreamObserver;
import java.util.List;
import javax.sql.DataSource;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentRequest;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentResponse;
import org.ordersystem.proto.shipping.v1.CancelShipmentRequest;
import org.ordersystem.proto.shipping.v1.CancelShipmentResponse;
import org.ordersystem.proto.shipping.v1.CreateShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentResponse;
import org.ordersystem.proto.shipping.v1.GetShipmentRequest;
import org.ordersystem.proto.shipping.v1.GetShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShipmentLine;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.IdempotentExecutor;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.Requests;
import org.ordersystem.services.common.UnaryCalls;

/**
 * The shipping service's rpcs: validates requests, then runs mutations once per idempotency key in
 * one transaction with {@link ShipmentStore}.
 */
final class ShippingServiceImpl extends ShippingServiceGrpc.ShippingServiceImplBase {

  /** Most lines in one parcel. */
  static final int MAX_LINES = 100;

  private final DataSource dataSource;
  private final IdempotentExecutor idempotent;
  private final ShipmentStore store = new ShipmentStore();

  ShippingServiceImpl(DataSource dataSource) {
    this.dataSource = dataSource;
    this.idempotent = new IdempotentExecutor(dataSource);
  }

  @Override
  public void createShipment(
      CreateShipmentRequest request, StreamObserver<CreateShipmentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("shipment_id", request.getShipmentId());
          if (!request.hasAddress()) {
            throw FailureReason.INVALID_ADDRESS.exception("address is required");
          }
          AddressValidator.validate(request.getAddress());
          validateLines(request.getLinesList());
          return idempotent.execute(
              key,
              request,
              CreateShipmentResponse.parser(),
              c -> store.create(c, id, request.getAddress(), request.getLinesList()));
        });
  }

  @Override
  public void cancelShipment(
      CancelShipmentRequest request, StreamObserver<CancelShipmentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("shipment_id", request.getShipmentId());
          return idempotent.execute(
              key, request, CancelShipmentResponse.parser(), c -> store.cancel(c, id));
        });
  }

  @Override
  public void getShipment(
      GetShipmentRequest request, StreamObserver<GetShipmentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String id = Requests.requireId("shipment_id", request.getShipmentId());
          return Jdbc.read(dataSource, c -> store.get(c, id));
        });
  }

  /**
   * Carries no idempotency key: moving to a state already reached answers that state, so a retry
   * after a lost answer is harmless as it is.
   */
  @Override
  public void advanceShipment(
      AdvanceShipmentRequest request, StreamObserver<AdvanceShipmentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String id = Requests.requireId("shipment_id", request.getShipmentId());
          ShipmentState target = request.getState();
          if (target != ShipmentState.SHIPMENT_STATE_DISPATCHED
              && target != ShipmentState.SHIPMENT_STATE_DELIVERED) {
            throw FailureReason.INVALID_REQUEST.exception(
                "state must be DISPATCHED or DELIVERED, got " + target);
          }
          return Jdbc.transaction(dataSource, c -> store.advance(c, id, target));
        });
  }

  private static void validateLines(List<ShipmentLine> lines) {
    if (lines.isEmpty()) {
      throw FailureReason.INVALID_REQUEST.exception("lines must not be empty");
    }
    if (lines.size() > MAX_LINES) {
      throw FailureReason.INVALID_REQUEST.exception("at most " + MAX_LINES + " lines per shipment");
    }
    for (ShipmentLine line : lines) {
      Requests.requireId("sku", line.getSku());
      if (line.getQuantity() < 1) {
        throw FailureReason.INVALID_REQUEST.exception(
            "quantity of sku " + line.getSku() + " must be at least 1, got " + line.getQuantity());
      }
    }
  }
}
