package org.ordersystem.api.refunds;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.OTHER_SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.refund;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.readmodel.ReadModelException;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.RefundStatus;
import org.springframework.test.web.servlet.ResultActions;

/** GET /orders/{orderId}/refunds[/{refundId}]: from the read model, else from the workflow. */
class RefundQueryTest extends RefundSliceSupport {

  private static final String R1 = "11111111-1111-5111-8111-111111111111";
  private static final String R2 = "22222222-2222-5222-8222-222222222222";

  @BeforeEach
  void refundedOrder() {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.PARTIALLY_REFUNDED)));
  }

  @Test
  void shouldListTheRefundsOfTheReadModel() throws Exception {
    when(refundRecords.list("o-1"))
        .thenReturn(
            List.of(
                refund("o-1", R1, RefundStatus.COMPLETED, 500),
                refund("o-1", R2, RefundStatus.REQUESTED, 300)));

    as(SHOP_KEY, "/api/v1/orders/o-1/refunds")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].refundId").value(R1))
        .andExpect(jsonPath("$.items[0].status").value("COMPLETED"))
        .andExpect(jsonPath("$.items[1].status").value("REQUESTED"))
        .andExpect(jsonPath("$.items[1].amount").value(300));
    verifyNoInteractions(workflows);
  }

  @Test
  void shouldListFromTheWorkflowWhileTheReadModelHasNothing() throws Exception {
    when(workflows.queryRefunds("o-1"))
        .thenReturn(Optional.of(List.of(refund("o-1", R1, RefundStatus.REQUESTED, 500))));

    as(SHOP_KEY, "/api/v1/orders/o-1/refunds")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].refundId").value(R1));
  }

  @Test
  void shouldListFromTheWorkflowWhenTheReadModelIsDown() throws Exception {
    when(refundRecords.list("o-1")).thenThrow(new ReadModelException("down", null));
    when(workflows.queryRefunds("o-1"))
        .thenReturn(Optional.of(List.of(refund("o-1", R1, RefundStatus.COMPLETED, 500))));

    as(OPERATOR_KEY, "/api/v1/orders/o-1/refunds")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].refundId").value(R1));
  }

  @Test
  void shouldListNothingForAnOrderWithoutRefunds() throws Exception {
    as(SHOP_KEY, "/api/v1/orders/o-1/refunds")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());
  }

  @Test
  void shouldReadOneRefund() throws Exception {
    when(refundRecords.find("o-1", R1))
        .thenReturn(Optional.of(refund("o-1", R1, RefundStatus.COMPLETED, 500)));

    as(SHOP_KEY, "/api/v1/orders/o-1/refunds/" + R1)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.refundId").value(R1))
        .andExpect(jsonPath("$.legRefunds[0].amount").value(500));
  }

  @Test
  void shouldReadOneRefundFromTheWorkflowBeforeTheReadModelHasIt() throws Exception {
    when(workflows.queryRefunds("o-1"))
        .thenReturn(
            Optional.of(
                List.of(
                    refund("o-1", R1, RefundStatus.COMPLETED, 500),
                    refund("o-1", R2, RefundStatus.REQUESTED, 300))));

    as(SHOP_KEY, "/api/v1/orders/o-1/refunds/" + R2)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("REQUESTED"));
  }

  @Test
  void shouldAnswer404ForAnUnknownRefund() throws Exception {
    ResultActions result = as(SHOP_KEY, "/api/v1/orders/o-1/refunds/" + R2);

    assertProblem(result, 404);
    result.andExpect(jsonPath("$.type").value("urn:ordersystem:problem:not-found"));
  }

  @Test
  void shouldAnswer404WithoutLookingUpAMalformedRefundId() throws Exception {
    assertProblem(as(SHOP_KEY, "/api/v1/orders/o-1/refunds/not-a-refund"), 404);
    verifyNoInteractions(refundRecords, workflows);
  }

  @Test
  void shouldAnswer404ForAnotherShopsOrder() throws Exception {
    assertProblem(as(OTHER_SHOP_KEY, "/api/v1/orders/o-1/refunds"), 404);
    assertProblem(as(OTHER_SHOP_KEY, "/api/v1/orders/o-1/refunds/" + R1), 404);
    verifyNoInteractions(refundRecords);
  }

  private ResultActions as(String key, String path) throws Exception {
    return perform(key, get(path));
  }
}
