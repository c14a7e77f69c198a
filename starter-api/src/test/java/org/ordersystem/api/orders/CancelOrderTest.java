package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.OTHER_SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.orderView;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** POST /orders/{orderId}/cancel: the workflow's validated cancel update, answered as REST. */
class CancelOrderTest extends OrderSliceSupport {

  private static final String PATH = "/api/v1/orders/o-1/cancel";

  @BeforeEach
  void orderBeingPlaced() {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.CREATING)));
  }

  @Test
  void shouldAnswer200WithTheCancelledOrderWhenTheCancelCompletesInTime() throws Exception {
    when(updates.cancel(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(orderView("o-1", SHOP_ID, OrderStatus.CANCELLED)));

    cancel(SHOP_KEY, "{\"reason\": \"Customer changed their mind\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.orderId").value("o-1"))
        .andExpect(jsonPath("$.status").value("CANCELLED"));

    ArgumentCaptor<CancelOrderRequest> request = ArgumentCaptor.forClass(CancelOrderRequest.class);
    verify(updates).cancel(eq("o-1"), request.capture(), eq(Duration.ofSeconds(5)));
    assertThat(request.getValue().reason()).isEqualTo("Customer changed their mind");
  }

  @Test
  void shouldTakeACancelWithoutBodyOrReason() throws Exception {
    when(updates.cancel(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(orderView("o-1", SHOP_ID, OrderStatus.CANCELLED)));

    perform(SHOP_KEY, post(PATH)).andExpect(status().isOk());
    cancel(SHOP_KEY, "{}").andExpect(status().isOk());

    verify(updates, org.mockito.Mockito.times(2))
        .cancel(eq("o-1"), eq(new CancelOrderRequest(null)), any());
  }

  @Test
  void shouldAnswer202WithTheOrderAsItStandsWhileCompensationsRun() throws Exception {
    when(updates.cancel(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Accepted<>());

    cancel(SHOP_KEY, "{}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("CREATING"));
  }

  @Test
  void shouldLetOperatorsCancelAnyShopsOrder() throws Exception {
    when(updates.cancel(eq("o-1"), any(), any()))
        .thenReturn(
            new UpdateOutcome.Completed<>(orderView("o-1", SHOP_ID, OrderStatus.CANCELLED)));

    cancel(OPERATOR_KEY, "{}").andExpect(status().isOk());
  }

  @Test
  void shouldAnswer409WithTheValidatorsMessage() throws Exception {
    when(updates.cancel(eq("o-1"), any(), any()))
        .thenThrow(
            new ApiProblem(
                ProblemType.ORDER_NOT_CANCELLABLE, "Capture has begun; too late to cancel."));

    ResultActions result = cancel(SHOP_KEY, "{}");

    assertProblem(result, 409);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:order-not-cancellable"))
        .andExpect(jsonPath("$.detail").value("Capture has begun; too late to cancel."));
  }

  @Test
  void shouldAnswer409ForAFinishedOrderWhoseWorkflowHasEnded() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.REJECTED)));
    when(updates.cancel(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    ResultActions result = cancel(SHOP_KEY, "{}");

    assertProblem(result, 409);
    result.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("REJECTED")));
  }

  @Test
  void shouldAnswer200ForAnOrderAlreadyCancelled() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.CANCELLED)));
    when(updates.cancel(eq("o-1"), any(), any())).thenReturn(new UpdateOutcome.Closed<>());

    cancel(SHOP_KEY, "{}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CANCELLED"));
  }

  @Test
  void shouldAnswer404ForAnUnknownOrder() throws Exception {
    assertProblem(
        perform(
            SHOP_KEY,
            post("/api/v1/orders/nope/cancel")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")),
        404);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldAnswer404ForAnotherShopsOrder() throws Exception {
    assertProblem(cancel(OTHER_SHOP_KEY, "{}"), 404);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldRefuseAnInvalidReasonWithoutSendingAnything() throws Exception {
    ResultActions tooLong = cancel(SHOP_KEY, "{\"reason\": \"" + "r".repeat(501) + "\"}");
    assertProblem(tooLong, 400);
    tooLong.andExpect(jsonPath("$.errors[0].field").value("reason"));
    assertProblem(cancel(SHOP_KEY, "{\"reason\": 42}"), 400);
    assertProblem(cancel(SHOP_KEY, "{\"reason\": \" \"}"), 400);
    assertProblem(cancel(SHOP_KEY, "{\"why\": \"x\"}"), 400);
    assertProblem(cancel(SHOP_KEY, "[]"), 400);
    verifyNoInteractions(updates);
  }

  @Test
  void shouldAnswer401WithoutKey() throws Exception {
    assertProblem(cancel(null, "{}"), 401);
    verifyNoInteractions(updates);
  }

  private ResultActions cancel(String key, String body) throws Exception {
    return perform(key, post(PATH).contentType(MediaType.APPLICATION_JSON).content(body));
  }
}
