package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.leg;
import static org.ordersystem.api.ApiFixtures.orderView;
import static org.ordersystem.api.ApiFixtures.pendingOrder;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.readmodel.OrderPage;
import org.ordersystem.readmodel.OrderQuery;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;
import org.springframework.test.web.servlet.ResultActions;

/** GET one order, with its payment legs, and the paginated listing. */
class OrderQueryTest extends OrderSliceSupport {

  @Test
  void shouldReadAnOrderFromTheReadModel() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)));

    as(SHOP_KEY, "/api/v1/orders/o-1")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("COMPLETED"))
        .andExpect(jsonPath("$.step").value("COMPLETED"))
        .andExpect(jsonPath("$.createdAt").value("2026-01-02T03:04:05Z"))
        .andExpect(jsonPath("$.shopId").doesNotExist())
        .andExpect(jsonPath("$.version").doesNotExist());
    verifyNoInteractions(workflows);
  }

  @Test
  void shouldShowEveryLegWithItsStateInTheOrder() throws Exception {
    OrderView stored = orderView("o-1", SHOP_ID, OrderStatus.COMPLETED);
    when(readModel.find("o-1"))
        .thenReturn(
            Optional.of(
                StoredOrder.of(
                    withLegs(
                        stored,
                        List.of(
                            leg("1", SourceType.BALANCE, 1200, LegState.CAPTURED),
                            leg("2", SourceType.POINTS, 500, LegState.CAPTURED),
                            leg("3", SourceType.CARD, 700, LegState.CAPTURED))))));

    as(SHOP_KEY, "/api/v1/orders/o-1")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payment.legs.length()").value(3))
        .andExpect(jsonPath("$.payment.legs[1].legId").value("2"))
        .andExpect(jsonPath("$.payment.legs[1].type").value("POINTS"))
        .andExpect(jsonPath("$.payment.legs[1].amount").value(500))
        .andExpect(jsonPath("$.payment.legs[2].type").value("CARD"))
        .andExpect(jsonPath("$.payment.legs[2].state").value("CAPTURED"))
        .andExpect(jsonPath("$.payment.legs[2].cardToken").doesNotExist());
  }

  @Test
  void shouldShowTheShipmentStateAndTheRefundedAmount() throws Exception {
    StoredOrder v = storedOrder("o-1", SHOP_ID, OrderStatus.PARTIALLY_REFUNDED);
    when(readModel.find("o-1"))
        .thenReturn(
            Optional.of(
                new StoredOrder(
                    v.orderId(),
                    v.shopId(),
                    v.customerId(),
                    v.status(),
                    v.step(),
                    v.stepsDone(),
                    v.total(),
                    null,
                    null,
                    v.lines(),
                    v.legs(),
                    "TRK-1",
                    v.version(),
                    v.createdAt(),
                    v.updatedAt(),
                    ShipmentState.DISPATCHED,
                    500,
                    null)));

    as(SHOP_KEY, "/api/v1/orders/o-1")
        .andExpect(jsonPath("$.status").value("PARTIALLY_REFUNDED"))
        .andExpect(jsonPath("$.shipmentState").value("DISPATCHED"))
        .andExpect(jsonPath("$.refundedAmount").value(500));
  }

  @Test
  void shouldShowNoShipmentAndNothingRefundedForANewOrder() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.CREATING)));

    as(SHOP_KEY, "/api/v1/orders/o-1")
        .andExpect(jsonPath("$.shipmentState").value("NONE"))
        .andExpect(jsonPath("$.refundedAmount").value(0));
  }

  @Test
  void shouldFilterByTheRefundStatuses() throws Exception {
    when(readModel.list(any())).thenReturn(new OrderPage(List.of(), null));

    as(SHOP_KEY, "/api/v1/orders?status=PARTIALLY_REFUNDED").andExpect(status().isOk());
    as(SHOP_KEY, "/api/v1/orders?status=REFUNDED").andExpect(status().isOk());

    ArgumentCaptor<OrderQuery> query = ArgumentCaptor.forClass(OrderQuery.class);
    verify(readModel, times(2)).list(query.capture());
    assertThat(query.getAllValues())
        .extracting(OrderQuery::status)
        .containsExactly(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);
  }

  @Test
  void shouldFallBackToTheWorkflowQueryBeforeTheFirstRowIsWritten() throws Exception {
    when(readModel.find("o-2")).thenReturn(Optional.empty());
    when(workflows.query("o-2"))
        .thenReturn(Optional.of(orderView("o-2", SHOP_ID, OrderStatus.CREATING)));

    as(SHOP_KEY, "/api/v1/orders/o-2")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CREATING"));
  }

  // A shop sees why its order is PENDING here; operators list such orders through GET /ops/orders
  // (recovery's PendingOrderListTest).
  @Test
  void shouldShowThePendingBlockToTheShopReadingItsOrder() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(pendingOrder("o-1", SHOP_ID, OrderStep.REGISTER_SHIPPING)));

    as(SHOP_KEY, "/api/v1/orders/o-1")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PENDING"))
        .andExpect(jsonPath("$.pending.step").value("REGISTER_SHIPPING"))
        .andExpect(jsonPath("$.pending.attempts").value(1));
  }

  @Test
  void shouldAnswer404ForAnUnknownOrder() throws Exception {
    assertProblem(as(SHOP_KEY, "/api/v1/orders/nope"), 404);
  }

  @Test
  void shouldAnswer404WithoutLookingUpAMalformedOrderId() throws Exception {
    assertProblem(as(SHOP_KEY, "/api/v1/orders/" + "x".repeat(65)), 404);
    verifyNoInteractions(readModel, workflows);
  }

  @Test
  void shouldListOnlyTheShopsOrdersWithDefaults() throws Exception {
    when(readModel.list(any()))
        .thenReturn(
            new OrderPage(List.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)), "next"));

    as(SHOP_KEY, "/api/v1/orders")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].orderId").value("o-1"))
        .andExpect(jsonPath("$.nextPageToken").value("next"));

    assertThat(query()).isEqualTo(new OrderQuery(SHOP_ID, null, null, null, 20));
  }

  @Test
  void shouldPassFiltersAndPageParameters() throws Exception {
    when(readModel.list(any())).thenReturn(new OrderPage(List.of(), null));

    as(SHOP_KEY, "/api/v1/orders?customerId=cust-1&status=REJECTED&pageSize=5&pageToken=abc")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.nextPageToken").isEmpty());

    assertThat(query())
        .isEqualTo(new OrderQuery(SHOP_ID, "cust-1", OrderStatus.REJECTED, "abc", 5));
  }

  @Test
  void shouldListAllShopsForOperators() throws Exception {
    when(readModel.list(any())).thenReturn(new OrderPage(List.of(), null));

    as(OPERATOR_KEY, "/api/v1/orders?pageSize=100").andExpect(status().isOk());

    assertThat(query()).isEqualTo(new OrderQuery(null, null, null, null, 100));
  }

  @Test
  void shouldRefuseBadListParameters() throws Exception {
    ResultActions result = as(SHOP_KEY, "/api/v1/orders?status=DONE&pageSize=0");
    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors[0].field").value("status"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value(
                    "must be one of CREATING, PENDING, COMPLETED, REJECTED, CANCELLED,"
                        + " PARTIALLY_REFUNDED, REFUNDED"))
        .andExpect(jsonPath("$.errors[1].field").value("pageSize"));
    assertProblem(as(SHOP_KEY, "/api/v1/orders?pageSize=101"), 400);
    assertProblem(as(SHOP_KEY, "/api/v1/orders?pageSize=ten"), 400);
    verifyNoInteractions(readModel);
  }

  @Test
  void shouldRefuseAnUndecodablePageToken() throws Exception {
    when(readModel.list(any())).thenThrow(new IllegalArgumentException("invalid page token"));

    ResultActions result = as(SHOP_KEY, "/api/v1/orders?pageToken=garbage");

    assertProblem(result, 400);
    result.andExpect(jsonPath("$.errors[0].field").value("pageToken"));
  }

  private static OrderView withLegs(OrderView v, List<PaymentLeg> legs) {
    return new OrderView(
        v.orderId(),
        v.shopId(),
        v.customerId(),
        v.status(),
        v.step(),
        v.stepsDone(),
        v.total(),
        v.reason(),
        v.reasonDetail(),
        v.lines(),
        legs,
        v.trackingNumber(),
        v.version(),
        v.createdAt(),
        v.updatedAt());
  }

  private OrderQuery query() {
    ArgumentCaptor<OrderQuery> query = ArgumentCaptor.forClass(OrderQuery.class);
    verify(readModel).list(query.capture());
    return query.getValue();
  }

  private ResultActions as(String key, String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", "Bearer " + key));
  }
}
