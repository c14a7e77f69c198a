package org.ordersystem.api.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.OTHER_SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.api.ApiFixtures;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.orders.UpdateOutcome;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** POST /orders/{orderId}/refunds once the request is valid: ids, outcomes, refusals. */
class RefundRequestTest extends RefundSliceSupport {

  private static final String PATH = "/api/v1/orders/o-1/refunds";
  private static final String AMOUNT = "{\"amount\": 500, \"reason\": \"Late delivery\"}";
  private static final String LINES =
      "{\"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 1}], \"reason\": \"Damaged\"}";

  @BeforeEach
  void completedOrder() {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)));
  }

  @Test
  void shouldAnswer201WithTheRefundAndItsLocationWhenItCompletesInTime() throws Exception {
    completeEveryRefund();

    ResultActions result = refund(SHOP_KEY, "key-1", AMOUNT).andExpect(status().isCreated());

    RefundRequest sent = sentRequest();
    assertThat(sent.refundId()).matches("[0-9a-f-]{36}");
    assertThat(sent.amount()).isEqualTo(500L);
    assertThat(sent.lines()).isNull();
    assertThat(sent.reason()).isEqualTo("Late delivery");
    result
        .andExpect(header().string("Location", PATH + "/" + sent.refundId()))
        .andExpect(jsonPath("$.refundId").value(sent.refundId()))
        .andExpect(jsonPath("$.orderId").value("o-1"))
        .andExpect(jsonPath("$.status").value("COMPLETED"))
        .andExpect(jsonPath("$.amount").value(500))
        .andExpect(jsonPath("$.lines").isEmpty())
        .andExpect(jsonPath("$.reason").value("Late delivery"))
        .andExpect(jsonPath("$.legRefunds[0].legId").value("1"))
        .andExpect(jsonPath("$.legRefunds[0].type").value("BALANCE"))
        .andExpect(jsonPath("$.legRefunds[0].amount").value(500))
        .andExpect(jsonPath("$.shipmentCancelled").value(false))
        .andExpect(jsonPath("$.requestedAt").value("2026-01-03T00:00:00Z"))
        .andExpect(jsonPath("$.completedAt").value("2026-01-03T00:00:01Z"));
  }

  @Test
  void shouldSendTheLinesOfALineRefund() throws Exception {
    completeEveryRefund();

    refund(SHOP_KEY, "key-1", LINES).andExpect(status().isCreated());

    RefundRequest sent = sentRequest();
    assertThat(sent.amount()).isNull();
    assertThat(sent.lines()).containsExactly(new RefundLine("SKU-1", 1));
  }

  @Test
  void shouldNameTheSameRefundForTheSameKeyAndScope() throws Exception {
    completeEveryRefund();

    refund(SHOP_KEY, "key-1", AMOUNT);
    refund(SHOP_KEY, "key-1", AMOUNT);
    refund(SHOP_KEY, "key-2", AMOUNT);
    refund(OPERATOR_KEY, "key-1", AMOUNT);

    ArgumentCaptor<RefundRequest> sent = ArgumentCaptor.forClass(RefundRequest.class);
    verify(updates, times(4)).requestRefund(eq("o-1"), sent.capture(), any());
    List<String> ids = sent.getAllValues().stream().map(RefundRequest::refundId).toList();
    assertThat(ids.get(1)).isEqualTo(ids.get(0));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    assertThat(ids.get(3)).isNotIn(ids.get(0), ids.get(2));
  }

  @Test
  void shouldAnswer200ForAReplayOfACompletedRefund() throws Exception {
    completeEveryRefund();
    when(refundRecords.find(eq("o-1"), any()))
        .thenAnswer(
            inv ->
                Optional.of(
                    ApiFixtures.refund("o-1", inv.getArgument(1), RefundStatus.COMPLETED, 500)));

    refund(SHOP_KEY, "key-1", AMOUNT).andExpect(status().isOk());
  }

  @Test
  void shouldAnswer202WithTheRefundAsTheWorkflowHasItWhenNotCompletedInTime() throws Exception {
    when(updates.requestRefund(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Accepted<>());
    String refundId = RefundIds.of("o-1", Caller.shop(SHOP_ID), "key-1");
    when(workflows.queryRefunds("o-1"))
        .thenReturn(
            Optional.of(List.of(ApiFixtures.refund("o-1", refundId, RefundStatus.REQUESTED, 500))));

    refund(SHOP_KEY, "key-1", AMOUNT)
        .andExpect(status().isAccepted())
        .andExpect(header().exists("Location"))
        .andExpect(jsonPath("$.status").value("REQUESTED"))
        .andExpect(jsonPath("$.requestedAt").value("2026-01-03T00:00:00Z"))
        .andExpect(jsonPath("$.completedAt").isEmpty());
  }

  @Test
  void shouldAnswer202PricedFromTheOrderWhenTheWorkflowCannotBeReadYet() throws Exception {
    when(updates.requestRefund(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Accepted<>());
    when(workflows.queryRefunds("o-1"))
        .thenThrow(new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "down"));

    refund(SHOP_KEY, "key-1", LINES)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("REQUESTED"))
        .andExpect(jsonPath("$.amount").value(1200))
        .andExpect(jsonPath("$.lines[0].sku").value("SKU-1"))
        .andExpect(jsonPath("$.lines[0].quantity").value(1))
        .andExpect(jsonPath("$.legRefunds").isEmpty());
  }

  @Test
  void shouldAnswerTheValidatorsRefusalsWithTheirProblems() throws Exception {
    assertRefusal(ProblemType.ORDER_NOT_REFUNDABLE, 409, "Order is CREATING.");
    assertRefusal(ProblemType.INVALID_REFUND, 422, "Only 1100 JPY is left to refund.");
    assertRefusal(ProblemType.IDEMPOTENCY_CONFLICT, 422, "Refund r-1 has other parameters.");
  }

  @Test
  void shouldAnswer409WhenTheWorkflowRefusesAnOrderItHasEndedOtherwise() throws Exception {
    when(workflows.query("o-1"))
        .thenReturn(Optional.of(ApiFixtures.orderView("o-1", SHOP_ID, OrderStatus.CANCELLED)));

    assertRefusal(ProblemType.ORDER_NOT_REFUNDABLE, 409, "Order o-1 is CANCELLED.");
  }

  /**
   * The read model says COMPLETED, written by a workflow task that was lost before the server
   * recorded it; the workflow runs the steps again and still says CREATING: the shop should retry.
   */
  @Test
  void shouldAnswer503WhileTheWorkflowCatchesUpWithTheOrdersRecords() throws Exception {
    doThrow(new ApiProblem(ProblemType.ORDER_NOT_REFUNDABLE, "Order o-1 is CREATING."))
        .when(updates)
        .requestRefund(eq("o-1"), any(), any());
    when(workflows.query("o-1"))
        .thenReturn(Optional.of(ApiFixtures.orderView("o-1", SHOP_ID, OrderStatus.CREATING)));

    ResultActions result = refund(SHOP_KEY, "key-1", AMOUNT);

    assertProblem(result, 503);
    result
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.detail").value(containsString("catching up with them (CREATING)")));
  }

  @Test
  void shouldAnswer409WhenTheOrdersWorkflowHasEnded() throws Exception {
    when(updates.requestRefund(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    ResultActions result = refund(SHOP_KEY, "key-1", AMOUNT);

    assertProblem(result, 409);
    result.andExpect(jsonPath("$.type").value("urn:ordersystem:problem:order-not-refundable"));
  }

  @Test
  void shouldAnswer404ForAnotherShopsOrder() throws Exception {
    assertProblem(refund(OTHER_SHOP_KEY, "key-1", AMOUNT), 404);
    assertProblem(refund(SHOP_KEY, "key-1", AMOUNT, "/api/v1/orders/nope/refunds"), 404);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldLetOperatorsRefundAnyShopsOrder() throws Exception {
    completeEveryRefund();

    refund(OPERATOR_KEY, "key-1", AMOUNT).andExpect(status().isCreated());
  }

  private void assertRefusal(ProblemType type, int status, String message) throws Exception {
    doThrow(new ApiProblem(type, message)).when(updates).requestRefund(eq("o-1"), any(), any());

    ResultActions result = refund(SHOP_KEY, "key-1", AMOUNT);

    assertProblem(result, status);
    result
        .andExpect(jsonPath("$.type").value(type.type().toString()))
        .andExpect(jsonPath("$.detail").value(message));
  }

  private void completeEveryRefund() {
    when(updates.requestRefund(eq("o-1"), any(), any()))
        .thenAnswer(
            inv -> {
              RefundRequest r = inv.getArgument(1);
              RefundView done =
                  ApiFixtures.refund(
                      "o-1",
                      r.refundId(),
                      RefundStatus.COMPLETED,
                      r.amount() == null ? 1200 : r.amount(),
                      r.reason());
              return new UpdateOutcome.Completed<>(done);
            });
  }

  private RefundRequest sentRequest() {
    ArgumentCaptor<RefundRequest> sent = ArgumentCaptor.forClass(RefundRequest.class);
    verify(updates).requestRefund(eq("o-1"), sent.capture(), eq(Duration.ofSeconds(5)));
    return sent.getValue();
  }

  private ResultActions refund(String key, String idempotencyKey, String body) throws Exception {
    return refund(key, idempotencyKey, body, PATH);
  }

  private ResultActions refund(String key, String idempotencyKey, String body, String path)
      throws Exception {
    var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return perform(key, request);
  }
}
