package org.ordersystem.api.recovery;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.orderView;
import static org.ordersystem.api.ApiFixtures.pendingOrder;
import static org.ordersystem.api.ApiFixtures.pendingView;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.orders.UpdateOutcome;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** POST /ops/orders/{orderId}/retry and /rollback: the workflow's validated updates, as REST. */
class PendingOrderActionsTest extends RecoverySliceSupport {

  private static final String RETRY = "/api/v1/ops/orders/o-1/retry";
  private static final String ROLLBACK = "/api/v1/ops/orders/o-1/rollback";
  private static final Duration ACTION_WAIT = Duration.ofSeconds(5);

  @BeforeEach
  void orderPending() {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(pendingOrder("o-1", SHOP_ID, OrderStep.REGISTER_SHIPPING)));
  }

  @Test
  void shouldAnswer200WithTheOrderOnceTheRetrySettled() throws Exception {
    when(updates.retryPending(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(orderView("o-1", SHOP_ID, OrderStatus.COMPLETED)));

    send(OPERATOR_KEY, RETRY, "{\"note\": \"Shipping is back up\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.orderId").value("o-1"))
        .andExpect(jsonPath("$.status").value("COMPLETED"));

    verify(updates)
        .retryPending(
            "o-1",
            new RecoveryRequest("operator:demo-operator", "Shipping is back up"),
            ACTION_WAIT);
  }

  @Test
  void shouldAnswer200WithTheOrderPendingAgainWhenTheRetryRanOutToo() throws Exception {
    when(updates.retryPending(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(
                pendingView("o-1", SHOP_ID, OrderStep.REGISTER_SHIPPING)));

    send(OPERATOR_KEY, RETRY, null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("PENDING"))
        .andExpect(jsonPath("$.pending.step").value("REGISTER_SHIPPING"));

    verify(updates)
        .retryPending("o-1", new RecoveryRequest("operator:demo-operator", null), ACTION_WAIT);
  }

  @Test
  void shouldAnswer202WithTheOrderAsItsWorkflowHasItWhileTheStepRuns() throws Exception {
    when(updates.retryPending(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Accepted<>());
    when(workflows.query("o-1"))
        .thenReturn(Optional.of(orderView("o-1", SHOP_ID, OrderStatus.CREATING)));

    send(OPERATOR_KEY, RETRY, "{}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("CREATING"))
        .andExpect(jsonPath("$.step").value("REGISTER_SHIPPING"));
  }

  @Test
  void shouldStillAnswer202WhenTheWorkflowCannotBeQueriedRightNow() throws Exception {
    when(updates.rollbackPending(eq("o-1"), any(), any()))
        .thenReturn(new UpdateOutcome.Accepted<>());
    when(workflows.query("o-1"))
        .thenThrow(new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "engine slow"));

    send(OPERATOR_KEY, ROLLBACK, "{}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("PENDING"));
  }

  @Test
  void shouldAnswer200WithTheCancelledOrderOnceRolledBack() throws Exception {
    when(updates.rollbackPending(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(orderView("o-1", SHOP_ID, OrderStatus.CANCELLED)));

    send(OPERATOR_KEY, ROLLBACK, "{\"note\": \"customer gave up\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"));

    verify(updates)
        .rollbackPending(
            "o-1", new RecoveryRequest("operator:demo-operator", "customer gave up"), ACTION_WAIT);
  }

  @Test
  void shouldAnswer409WithTheWorkflowsExplanationWhenTheOrderIsNotPending() throws Exception {
    when(updates.rollbackPending(eq("o-1"), any(), any()))
        .thenThrow(
            new ApiProblem(
                ProblemType.ORDER_NOT_PENDING,
                "Order is CREATING; only a PENDING order can be rolled back."));

    ResultActions result = send(OPERATOR_KEY, ROLLBACK, "{}");

    assertProblem(result, 409);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:order-not-pending"))
        .andExpect(
            jsonPath("$.detail")
                .value("Order is CREATING; only a PENDING order can be rolled back."));
  }

  @Test
  void shouldAnswer409WhenRollbackIsNoLongerAllowed() throws Exception {
    when(updates.rollbackPending(eq("o-1"), any(), any()))
        .thenThrow(
            new ApiProblem(
                ProblemType.ROLLBACK_NOT_ALLOWED,
                "Capture has begun (CAPTURE_PAYMENT); only a retry can complete the order."));

    ResultActions result = send(OPERATOR_KEY, ROLLBACK, "{}");

    assertProblem(result, 409);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:rollback-not-allowed"))
        .andExpect(jsonPath("$.detail").value(containsString("only a retry")));
  }

  @Test
  void shouldAnswer409ForAFinishedOrderWhoseWorkflowHasEnded() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)));
    when(updates.retryPending(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    ResultActions result = send(OPERATOR_KEY, RETRY, "{}");

    assertProblem(result, 409);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:order-not-pending"))
        .andExpect(
            jsonPath("$.detail")
                .value("Order o-1 is COMPLETED; only a PENDING order can be retried."));
  }

  @Test
  void shouldAnswer409WhenAPendingOrderHasNoRunningWorkflow() throws Exception {
    when(updates.rollbackPending(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    ResultActions result = send(OPERATOR_KEY, ROLLBACK, "{}");

    assertProblem(result, 409);
    result.andExpect(jsonPath("$.type").value("urn:ordersystem:problem:workflow-not-running"));
  }

  @Test
  void shouldTellHowToResumeACreatingOrderWhoseWorkflowWasTerminated() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.CREATING)));
    when(updates.retryPending(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    ResultActions result = send(OPERATOR_KEY, RETRY, "{}");

    assertProblem(result, 409);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:workflow-not-running"))
        .andExpect(jsonPath("$.detail").value(containsString("is CREATING")))
        .andExpect(jsonPath("$.detail").value(containsString("Reset workflow order-o-1")))
        .andExpect(jsonPath("$.detail").value(containsString("LastWorkflowTask")));
  }

  @Test
  void shouldAnswer404ForAnUnknownOrderWithoutSendingAnything() throws Exception {
    assertProblem(send(OPERATOR_KEY, "/api/v1/ops/orders/nope/retry", "{}"), 404);
    assertProblem(send(OPERATOR_KEY, "/api/v1/ops/orders/no_such!/rollback", "{}"), 404);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldAnswer403ToAShopKeyEvenForItsOwnOrder() throws Exception {
    assertProblem(send(SHOP_KEY, RETRY, "{}"), 403);
    assertProblem(send(SHOP_KEY, ROLLBACK, "{}"), 403);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldRefuseAnInvalidBodyWithoutSendingAnything() throws Exception {
    ResultActions tooLong = send(OPERATOR_KEY, RETRY, "{\"note\": \"" + "n".repeat(501) + "\"}");
    assertProblem(tooLong, 400);
    tooLong.andExpect(jsonPath("$.errors[0].field").value("note"));
    assertProblem(send(OPERATOR_KEY, RETRY, "{\"note\": 42}"), 400);
    assertProblem(send(OPERATOR_KEY, ROLLBACK, "{\"note\": \" \"}"), 400);
    assertProblem(send(OPERATOR_KEY, ROLLBACK, "{\"reason\": \"x\"}"), 400);
    assertProblem(send(OPERATOR_KEY, ROLLBACK, "[]"), 400);
    ResultActions malformed = send(OPERATOR_KEY, RETRY, "{\"note\": ");
    assertProblem(malformed, 400);
    malformed.andExpect(jsonPath("$.errors[0].field").value("body"));
    verifyNoInteractions(updates);
  }

  private ResultActions send(String key, String path, String body) throws Exception {
    var request = post(path);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return perform(key, request);
  }
}
