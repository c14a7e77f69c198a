package org.ordersystem.api.shipments;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentRequest;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.workflows.model.ShipmentState;
import org.springframework.stereotype.Component;

/** Shipments as the shipping service keeps them (a shipment's id is its order's id). */
@Component
public class Shipments {

  private final ServiceChannels channels;

  public Shipments(ServiceChannels channels) {
    this.channels = channels;
  }

  /**
   * Moves the order's shipment forward to DISPATCHED or DELIVERED. Idempotent: asking for the state
   * it is in, or one it passed, answers the state it is in.
   *
   * @return the state the shipment is in now
   * @throws ApiProblem 404 for an unknown shipment, 409 for a cancelled one
   * @throws DownstreamException when the shipping service cannot answer
   */
  public ShipmentState advance(String orderId, ShipmentState target) {
    AdvanceShipmentRequest request =
        AdvanceShipmentRequest.newBuilder()
            .setShipmentId(orderId)
            .setState(toProto(target))
            .build();
    try {
      return fromProto(
          ShippingServiceGrpc.newBlockingStub(channels.shipping())
              .withDeadlineAfter(channels.deadline().toMillis(), TimeUnit.MILLISECONDS)
              .advanceShipment(request)
              .getState());
    } catch (StatusRuntimeException e) {
      throw switch (e.getStatus().getCode()) {
        case NOT_FOUND -> ApiProblem.notFound("No shipment for order " + orderId + ".");
        case FAILED_PRECONDITION ->
            new ApiProblem(
                ProblemType.SHIPMENT_CANCELLED,
                "The shipment of order " + orderId + " was cancelled; it cannot move on.");
        default -> new DownstreamException("shipping", e);
      };
    }
  }

  private static org.ordersystem.proto.shipping.v1.ShipmentState toProto(ShipmentState state) {
    return switch (state) {
      case DISPATCHED -> org.ordersystem.proto.shipping.v1.ShipmentState.SHIPMENT_STATE_DISPATCHED;
      case DELIVERED -> org.ordersystem.proto.shipping.v1.ShipmentState.SHIPMENT_STATE_DELIVERED;
      default -> throw new IllegalArgumentException("a shipment cannot be advanced to " + state);
    };
  }

  private static ShipmentState fromProto(org.ordersystem.proto.shipping.v1.ShipmentState state) {
    return switch (state) {
      case SHIPMENT_STATE_CREATED -> ShipmentState.CREATED;
      case SHIPMENT_STATE_DISPATCHED -> ShipmentState.DISPATCHED;
      case SHIPMENT_STATE_DELIVERED -> ShipmentState.DELIVERED;
      case SHIPMENT_STATE_CANCELLED -> ShipmentState.CANCELLED;
      default ->
          throw new DownstreamException(
              "shipping",
              Status.INTERNAL.withDescription("unexpected state " + state).asRuntimeException());
    };
  }
}
