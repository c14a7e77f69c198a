package org.ordersystem.api.shipments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.api.grpc.ServicesProperties;
import org.ordersystem.api.grpc.ServicesProperties.Endpoint;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentRequest;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.workflows.model.ShipmentState;

/** The AdvanceShipment call and its error mapping, against a stand-in shipping service. */
class ShipmentsTest {

  private Server server;
  private ServiceChannels channels;
  private Shipments shipments;

  /** Knows "o-1" (already DELIVERED when asked for DISPATCHED), "gone" (cancelled), "down". */
  static class StandInShipping extends ShippingServiceGrpc.ShippingServiceImplBase {
    @Override
    public void advanceShipment(
        AdvanceShipmentRequest request, StreamObserver<AdvanceShipmentResponse> response) {
      switch (request.getShipmentId()) {
        case "o-1" -> {
          response.onNext(
              AdvanceShipmentResponse.newBuilder()
                  .setShipmentId("o-1")
                  .setState(
                      org.ordersystem.proto.shipping.v1.ShipmentState.SHIPMENT_STATE_DELIVERED)
                  .build());
          response.onCompleted();
        }
        case "gone" ->
            response.onError(
                Status.FAILED_PRECONDITION.withDescription("ALREADY_CLOSED").asRuntimeException());
        case "down" -> response.onError(Status.UNAVAILABLE.asRuntimeException());
        default -> response.onError(Status.NOT_FOUND.asRuntimeException());
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = ServerBuilder.forPort(0).addService(new StandInShipping()).build().start();
    Endpoint shipping = new Endpoint("localhost:" + server.getPort());
    Endpoint unused = new Endpoint("localhost:1");
    channels =
        new ServiceChannels(
            new ServicesProperties(unused, shipping, unused, unused, Duration.ofSeconds(5)));
    shipments = new Shipments(channels);
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldAnswerTheStateTheShipmentIsIn() {
    assertThat(shipments.advance("o-1", ShipmentState.DISPATCHED))
        .isEqualTo(ShipmentState.DELIVERED);
  }

  @Test
  void shouldMapAnUnknownShipmentTo404() {
    assertThatThrownBy(() -> shipments.advance("nope", ShipmentState.DISPATCHED))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.problemType()).isEqualTo(ProblemType.NOT_FOUND));
  }

  @Test
  void shouldMapACancelledShipmentTo409() {
    assertThatThrownBy(() -> shipments.advance("gone", ShipmentState.DELIVERED))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            p -> assertThat(p.problemType()).isEqualTo(ProblemType.SHIPMENT_CANCELLED));
  }

  @Test
  void shouldReportAnUnavailableService() {
    assertThatThrownBy(() -> shipments.advance("down", ShipmentState.DELIVERED))
        .isInstanceOfSatisfying(
            DownstreamException.class, e -> assertThat(e.isUnavailable()).isTrue());
  }
}
