package org.ordersystem.services.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordersystem.proto.shipping.v1.Address;
import org.ordersystem.proto.shipping.v1.CancelShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentRequest;
import org.ordersystem.proto.shipping.v1.CreateShipmentResponse;
import org.ordersystem.proto.shipping.v1.GetShipmentRequest;
import org.ordersystem.proto.shipping.v1.GetShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShipmentLine;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc.ShippingServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

class ShippingServiceIntegrationTest {

  private static final Address TOKYO =
      Address.newBuilder()
          .setName("Hanako Yamada")
          .setPostalCode("100-0001")
          .setRegion("Tokyo")
          .setLine1("1-1 Chiyoda")
          .setCountry("JP")
          .build();

  private static InProcessService<ShippingServer> service;
  private static ShippingServiceBlockingStub shipping;

  @BeforeAll
  static void start() {
    service = InProcessService.start("shipping", ShippingServer::new);
    shipping = ShippingServiceGrpc.newBlockingStub(service.channel());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @Test
  void shouldCreateAShipmentWithATrackingNumber() {
    String id = id();
    Address withLine2 = TOKYO.toBuilder().setPostalCode("1000001").setLine2("Room 301").build();

    CreateShipmentResponse created = shipping.createShipment(create(id, withLine2));

    assertThat(created.getState()).isEqualTo(ShipmentState.SHIPMENT_STATE_CREATED);
    assertThat(created.getTrackingNumber()).matches("JPX\\d{12}");
    GetShipmentResponse stored = shipping.getShipment(get(id));
    assertThat(stored.getAddress()).isEqualTo(withLine2);
    assertThat(stored.getTrackingNumber()).isEqualTo(created.getTrackingNumber());
    assertThat(stored.getLinesList()).extracting(ShipmentLine::getSku).containsExactly("MUG-BLUE");
  }

  @Test
  void shouldReplayTheFirstResultAndRefuseOtherParametersUnderTheSameKey() {
    CreateShipmentRequest request = create(id(), TOKYO);

    CreateShipmentResponse first = shipping.createShipment(request);

    assertThat(shipping.createShipment(request)).isEqualTo(first);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () ->
            shipping.createShipment(
                request.toBuilder().setAddress(TOKYO.toBuilder().setLine1("2-2 Minato")).build()));
    assertThat(shipping.getShipment(get(request.getShipmentId())).getAddress()).isEqualTo(TOKYO);
  }

  @Test
  void shouldGiveEveryShipmentItsOwnTrackingNumber() {
    Set<String> numbers = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      numbers.add(shipping.createShipment(create(id(), TOKYO)).getTrackingNumber());
    }
    assertThat(numbers).hasSize(20);
  }

  static Stream<Address> undeliverableAddresses() {
    return Stream.of(
        TOKYO.toBuilder().setName(" ").build(),
        TOKYO.toBuilder().setRegion("").build(),
        TOKYO.toBuilder().setLine1("").build(),
        TOKYO.toBuilder().setName("x".repeat(101)).build(),
        TOKYO.toBuilder().setLine2("y".repeat(201)).build(),
        TOKYO.toBuilder().setCountry("XX").build(),
        TOKYO.toBuilder().setCountry("").build(),
        TOKYO.toBuilder().setPostalCode("100-00011").build(),
        TOKYO.toBuilder().setPostalCode("10-00001").build(),
        TOKYO.toBuilder().setPostalCode("ABC-DEFG").build(),
        TOKYO.toBuilder().setPostalCode("").build());
  }

  @ParameterizedTest
  @MethodSource("undeliverableAddresses")
  void shouldRefuseAnUndeliverableAddressAndWriteNothing(Address address) {
    String id = id();

    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_ADDRESS",
        () -> shipping.createShipment(create(id, address)));

    failsWith(Status.Code.NOT_FOUND, "UNKNOWN_SHIPMENT", () -> shipping.getShipment(get(id)));
  }

  @Test
  void shouldRefuseACreateThatArrivesAfterItsCancel() {
    String id = id();

    assertThat(shipping.cancelShipment(cancel(id)).getState())
        .isEqualTo(ShipmentState.SHIPMENT_STATE_CANCELLED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> shipping.createShipment(create(id, TOKYO)));

    GetShipmentResponse tombstone = shipping.getShipment(get(id));
    assertThat(tombstone.getState()).isEqualTo(ShipmentState.SHIPMENT_STATE_CANCELLED);
    assertThat(tombstone.getTrackingNumber()).isEmpty();
  }

  @Test
  void shouldCancelTwiceHarmlessly() {
    String id = id();
    shipping.createShipment(create(id, TOKYO));

    shipping.cancelShipment(cancel(id));
    shipping.cancelShipment(cancel(id));

    assertThat(shipping.getShipment(get(id)).getState())
        .isEqualTo(ShipmentState.SHIPMENT_STATE_CANCELLED);
  }

  @Test
  void shouldRefuseToCancelADispatchedShipment() {
    String id = id();
    shipping.createShipment(create(id, TOKYO));
    service.execute("UPDATE shipments SET state = 'DISPATCHED' WHERE shipment_id = ?", id);

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_DISPATCHED",
        () -> shipping.cancelShipment(cancel(id)));

    assertThat(shipping.getShipment(get(id)).getState())
        .isEqualTo(ShipmentState.SHIPMENT_STATE_DISPATCHED);
  }

  private static String id() {
    return "order-" + UUID.randomUUID();
  }

  private static CreateShipmentRequest create(String shipmentId, Address address) {
    return CreateShipmentRequest.newBuilder()
        .setIdempotencyKey(shipmentId + ":ship")
        .setShipmentId(shipmentId)
        .setAddress(address)
        .addLines(ShipmentLine.newBuilder().setSku("MUG-BLUE").setQuantity(2))
        .build();
  }

  private static CancelShipmentRequest cancel(String shipmentId) {
    return CancelShipmentRequest.newBuilder()
        .setIdempotencyKey(shipmentId + ":cancel:" + UUID.randomUUID())
        .setShipmentId(shipmentId)
        .build();
  }

  private static GetShipmentRequest get(String shipmentId) {
    return GetShipmentRequest.newBuilder().setShipmentId(shipmentId).build();
  }
}
