package org.ordersystem.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

class StoredOrderTest {

  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void shouldCarryEveryFieldOfTheWorkflowsViewIntoTheRow() throws Exception {
    OrderView view =
        new OrderView(
            "order-1",
            "demo-shop",
            "cust-001",
            OrderStatus.PENDING,
            OrderStep.COMMIT_STOCK,
            List.of(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT),
            6_800,
            "A_REASON",
            "a detail",
            List.of(new OrderLine("HOODIE-GREY", 1, 6_800)),
            List.of(new PaymentLeg("1", SourceType.CARD, 6_800, LegState.CAPTURED, "psp-1", null)),
            "JP123",
            9,
            CREATED,
            CREATED.plusSeconds(60),
            ShipmentState.DISPATCHED,
            1_000,
            new PendingInfo(
                OrderStep.COMMIT_STOCK, "STEP_TIMED_OUT", "stock down", CREATED, 2, false));

    StoredOrder row = StoredOrder.of(view);

    // A field added to the view must be decided on here: stored, or left out on purpose.
    for (RecordComponent field : OrderView.class.getRecordComponents()) {
      Object stored = StoredOrder.class.getMethod(field.getName()).invoke(row);
      assertThat(stored).as(field.getName()).isEqualTo(field.getAccessor().invoke(view));
    }
  }

  @Test
  void shouldStoreAViewWithoutListsOrShipmentNewsAsEmptyOnes() {
    OrderView bare =
        new OrderView(
            "order-2",
            "demo-shop",
            "cust-001",
            OrderStatus.CREATING,
            OrderStep.RESERVE_STOCK,
            null,
            1_200,
            null,
            null,
            null,
            null,
            null,
            1,
            CREATED,
            CREATED,
            null,
            0,
            null);

    StoredOrder row = StoredOrder.of(bare);

    assertThat(row.stepsDone()).isEmpty();
    assertThat(row.lines()).isEmpty();
    assertThat(row.legs()).isEmpty();
    assertThat(row.shipmentState()).isEqualTo(ShipmentState.NONE);
  }
}
