package org.ordersystem.services.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.faults.v1.SetFaultsRequest;
import org.ordersystem.proto.shipping.v1.Address;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentRequest;
import org.ordersystem.proto.shipping.v1.CancelShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentRequest;
import org.ordersystem.proto.shipping.v1.GetShipmentRequest;
import org.ordersystem.proto.shipping.v1.ShipmentLine;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc.ShippingServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

/** AdvanceShipment: the forward path of a parcel, and how it meets a cancel. */
class ShipmentLifecycleIntegrationTest {

  private static final ShipmentState CREATED = ShipmentState.SHIPMENT_STATE_CREATED;
  private static final ShipmentState CANCELLED = ShipmentState.SHIPMENT_STATE_CANCELLED;
  private static final ShipmentState DISPATCHED = ShipmentState.SHIPMENT_STATE_DISPATCHED;
  private static final ShipmentState DELIVERED = ShipmentState.SHIPMENT_STATE_DELIVERED;

  private static InProcessService<ShippingServer> service;
  private static ShippingServiceBlockingStub shipping;

  @BeforeAll
  static void start() {
    service = InProcessService.start("shipping", ShippingServer::new);
    shipping = ShippingServiceGrpc.newBlockingStub(service.channel());
  }

  @AfterEach
  void clearFaults() {
    setFaults(Faults.getDefaultInstance());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @Test
  void shouldMoveFromCreatedToDispatchedToDeliveredAndRefuseCancelsOnceDispatched() {
    String id = created();

    assertThat(advance(id, DISPATCHED)).isEqualTo(DISPATCHED);
    assertThat(state(id)).isEqualTo(DISPATCHED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_DISPATCHED",
        () -> shipping.cancelShipment(cancel(id)));
    assertThat(advance(id, DELIVERED)).isEqualTo(DELIVERED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_DISPATCHED",
        () -> shipping.cancelShipment(cancel(id)));

    assertThat(state(id)).isEqualTo(DELIVERED);
  }

  @Test
  void shouldAnswerTheCurrentStateForAStateReachedOrPassed() {
    String id = created();

    assertThat(advance(id, DISPATCHED)).isEqualTo(DISPATCHED);
    assertThat(advance(id, DISPATCHED)).isEqualTo(DISPATCHED);
    assertThat(advance(id, DELIVERED)).isEqualTo(DELIVERED);
    assertThat(advance(id, DELIVERED)).isEqualTo(DELIVERED);
    assertThat(advance(id, DISPATCHED)).as("a late dispatch scan").isEqualTo(DELIVERED);

    assertThat(state(id)).isEqualTo(DELIVERED);
  }

  @Test
  void shouldDeliverAShipmentWhoseDispatchWasNeverReported() {
    String id = created();

    assertThat(advance(id, DELIVERED)).isEqualTo(DELIVERED);

    assertThat(state(id)).isEqualTo(DELIVERED);
  }

  @Test
  void shouldRefuseToAdvanceACancelledShipmentOrItsTombstone() {
    String cancelled = created();
    shipping.cancelShipment(cancel(cancelled));
    String tombstone = id();
    shipping.cancelShipment(cancel(tombstone));

    for (String id : List.of(cancelled, tombstone)) {
      for (ShipmentState target : List.of(DISPATCHED, DELIVERED)) {
        failsWith(Status.Code.FAILED_PRECONDITION, "ALREADY_CLOSED", () -> advance(id, target));
      }
      assertThat(state(id)).isEqualTo(CANCELLED);
    }
  }

  @Test
  void shouldReportAnUnknownShipmentAsNotFound() {
    String id = id();

    failsWith(Status.Code.NOT_FOUND, "UNKNOWN_SHIPMENT", () -> advance(id, DISPATCHED));

    failsWith(Status.Code.NOT_FOUND, () -> shipping.getShipment(get(id)));
  }

  @ParameterizedTest
  @EnumSource(
      names = {"SHIPMENT_STATE_UNSPECIFIED", "SHIPMENT_STATE_CREATED", "SHIPMENT_STATE_CANCELLED"})
  void shouldRejectATargetOtherThanDispatchedOrDelivered(ShipmentState target) {
    String id = created();

    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> advance(id, target));

    assertThat(state(id)).isEqualTo(CREATED);
    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> advance(" ", DISPATCHED));
  }

  @Test
  void shouldAnswerARetryAfterALostAnswerWithTheStateReached() {
    String id = created();
    setFaults(Faults.newBuilder().setCommitThenTimeout(true).build());

    failsWith(Status.Code.DEADLINE_EXCEEDED, () -> advance(id, DISPATCHED));
    setFaults(Faults.getDefaultInstance());

    assertThat(advance(id, DISPATCHED)).isEqualTo(DISPATCHED);
  }

  @Test
  void shouldLetExactlyOneOfACancelAndADispatchWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String id = created();
        List<Callable<String>> racers =
            List.of(
                () -> outcome(() -> shipping.cancelShipment(cancel(id)).getState()),
                () -> outcome(() -> advance(id, DISPATCHED)));
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : pool.invokeAll(racers)) {
          outcomes.add(result.get());
        }

        ShipmentState end = state(id);
        assertThat(outcomes)
            .as("round %d ending %s", round, end)
            .isEqualTo(
                end == CANCELLED
                    ? List.of(CANCELLED.name(), "ALREADY_CLOSED")
                    : List.of("ALREADY_DISPATCHED", DISPATCHED.name()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The state, or the reason of the refusal. */
  private static String outcome(Callable<ShipmentState> call) throws Exception {
    try {
      return call.call().name();
    } catch (StatusRuntimeException e) {
      return ServiceErrors.reasonOf(e).orElse("");
    }
  }

  private static ShipmentState advance(String id, ShipmentState target) {
    return shipping
        .advanceShipment(
            AdvanceShipmentRequest.newBuilder().setShipmentId(id).setState(target).build())
        .getState();
  }

  private static ShipmentState state(String id) {
    return shipping.getShipment(get(id)).getState();
  }

  private static void setFaults(Faults faults) {
    service.faultControl().setFaults(SetFaultsRequest.newBuilder().setFaults(faults).build());
  }

  private static String created() {
    String id = id();
    shipping.createShipment(
        CreateShipmentRequest.newBuilder()
            .setIdempotencyKey(id + ":ship")
            .setShipmentId(id)
            .setAddress(
                Address.newBuilder()
                    .setName("Hanako Yamada")
                    .setPostalCode("100-0001")
                    .setRegion("Tokyo")
                    .setLine1("1-1 Chiyoda")
                    .setCountry("JP"))
            .addLines(ShipmentLine.newBuilder().setSku("MUG-BLUE").setQuantity(1))
            .build());
    return id;
  }

  private static String id() {
    return "order-" + UUID.randomUUID();
  }

  private static CancelShipmentRequest cancel(String id) {
    return CancelShipmentRequest.newBuilder()
        .setIdempotencyKey(id + ":cancel:" + UUID.randomUUID())
        .setShipmentId(id)
        .build();
  }

  private static GetShipmentRequest get(String id) {
    return GetShipmentRequest.newBuilder().setShipmentId(id).build();
  }
}
