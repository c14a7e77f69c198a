package org.ordersystem.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderSnapshotTest {

  private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();
  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

  /** A completed, partly refunded three-leg order with every field set. */
  private static OrderView everyFieldSet() {
    return new OrderView(
        "order-1",
        "demo-shop",
        "cust-001",
        OrderStatus.PARTIALLY_REFUNDED,
        OrderStep.COMPLETED,
        List.of(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT, OrderStep.CAPTURE_PAYMENT),
        6_800,
        "A_REASON",
        "a detail",
        List.of(new OrderLine("HOODIE-GREY", 1, 6_800)),
        List.of(
            new PaymentLeg("1", SourceType.BALANCE, 3_800, LegState.CAPTURED),
            new PaymentLeg("2", SourceType.POINTS, 1_000, LegState.CAPTURED),
            new PaymentLeg("3", SourceType.CARD, 2_000, LegState.CAPTURED, "psp-1", null)),
        "JP123",
        9,
        CREATED,
        CREATED.plusSeconds(60),
        ShipmentState.DISPATCHED,
        1_000,
        new PendingInfo(OrderStep.COMMIT_STOCK, "STEP_TIMED_OUT", "stock down", CREATED, 2, false));
  }

  @Test
  void shouldReadTheOrderThatRunsContinuedByEarlierDeploymentsHandedOver() throws Exception {
    // Until this record existed, a run handed the next one its OrderView.
    Payload handedOver = JSON.toPayload(everyFieldSet()).orElseThrow();

    OrderSnapshot read = JSON.fromPayload(handedOver, OrderSnapshot.class, OrderSnapshot.class);

    JsonNode before = json(handedOver);
    assertThat(before.size()).as("every field of the order").isEqualTo(18);
    assertThat(json(JSON.toPayload(read).orElseThrow())).isEqualTo(before);
  }

  private static JsonNode json(Payload payload) throws Exception {
    return new ObjectMapper().readTree(payload.getData().toByteArray());
  }
}
