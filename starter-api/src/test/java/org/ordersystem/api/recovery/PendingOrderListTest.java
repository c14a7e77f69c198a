package org.ordersystem.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.pendingOrder;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.readmodel.OrderPage;
import org.ordersystem.readmodel.OrderQuery;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.springframework.test.web.servlet.ResultActions;

/** GET /ops/orders: every shop's orders for operators, PENDING ones with their pending block. */
class PendingOrderListTest extends RecoverySliceSupport {

  private static final String PATH = "/api/v1/ops/orders";

  @Test
  void shouldListPendingOrdersOfEveryShopWithTheirPendingBlock() throws Exception {
    when(readModel.list(any()))
        .thenReturn(
            new OrderPage(
                List.of(
                    pendingOrder("o-2", "other-shop", OrderStep.CAPTURE_PAYMENT),
                    pendingOrder("o-1", SHOP_ID, OrderStep.REGISTER_SHIPPING)),
                "next-1"));

    as(OPERATOR_KEY, PATH + "?status=PENDING&limit=2&pageToken=page-1")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].orderId").value("o-2"))
        .andExpect(jsonPath("$.items[0].status").value("PENDING"))
        .andExpect(jsonPath("$.items[0].pending.step").value("CAPTURE_PAYMENT"))
        .andExpect(jsonPath("$.items[0].pending.rollbackAllowed").value(false))
        .andExpect(jsonPath("$.items[1].pending.step").value("REGISTER_SHIPPING"))
        .andExpect(jsonPath("$.items[1].pending.reason").value("STEP_TIMED_OUT"))
        .andExpect(
            jsonPath("$.items[1].pending.message")
                .value("REGISTER_SHIPPING ran out of its retry budget: shipping UNAVAILABLE"))
        .andExpect(jsonPath("$.items[1].pending.since").value("2026-01-02T04:00:00Z"))
        .andExpect(jsonPath("$.items[1].pending.attempts").value(1))
        .andExpect(jsonPath("$.items[1].pending.rollbackAllowed").value(true))
        .andExpect(jsonPath("$.nextPageToken").value("next-1"));

    ArgumentCaptor<OrderQuery> query = ArgumentCaptor.forClass(OrderQuery.class);
    verify(readModel).list(query.capture());
    assertThat(query.getValue())
        .isEqualTo(new OrderQuery(null, null, OrderStatus.PENDING, "page-1", 2));
  }

  @Test
  void shouldListEveryStatusTwentyAtATimeByDefaultWithoutPendingBlocks() throws Exception {
    when(readModel.list(any()))
        .thenReturn(
            new OrderPage(List.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)), null));

    as(OPERATOR_KEY, PATH)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].status").value("COMPLETED"))
        .andExpect(jsonPath("$.items[0].pending").value(nullValue()))
        .andExpect(jsonPath("$.nextPageToken").value(nullValue()));

    verify(readModel).list(new OrderQuery(null, null, null, null, 20));
  }

  @Test
  void shouldRefuseAnInvalidStatusAndLimitTogetherWithoutReading() throws Exception {
    ResultActions result = as(OPERATOR_KEY, PATH + "?status=STUCK&limit=0");

    assertProblem(result, 400);
    result.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("status", "limit")));
    assertProblem(as(OPERATOR_KEY, PATH + "?limit=101"), 400);
    assertProblem(as(OPERATOR_KEY, PATH + "?limit=ten"), 400);
    assertProblem(as(OPERATOR_KEY, PATH + "?status=pending"), 400);
    assertProblem(as(OPERATOR_KEY, PATH + "?pageToken="), 400);
    verifyNoInteractions(readModel);
  }

  @Test
  void shouldRefuseAPageTokenTheReadModelCannotDecode() throws Exception {
    when(readModel.list(any())).thenThrow(new IllegalArgumentException("bad token"));

    ResultActions result = as(OPERATOR_KEY, PATH + "?pageToken=forged");

    assertProblem(result, 400);
    result.andExpect(jsonPath("$.errors[0].field").value("pageToken"));
  }

  @Test
  void shouldAnswer403ToAShopKey() throws Exception {
    assertProblem(as(SHOP_KEY, PATH + "?status=PENDING"), 403);
    verifyNoInteractions(readModel);
  }

  private ResultActions as(String key, String url) throws Exception {
    return perform(key, get(url));
  }
}
