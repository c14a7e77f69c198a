package org.ordersystem.api.shipments;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.workflows.model.ShipmentState;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** POST /ops/shipments/{orderId}/advance: the shipping service first, then the order's workflow. */
class ShipmentControllerTest extends ShipmentSliceSupport {

  private static final String PATH = "/api/v1/ops/shipments/o-1/advance";

  @Test
  void shouldAdvanceTheShipmentAndSignalTheOrder() throws Exception {
    when(shipments.advance("o-1", ShipmentState.DISPATCHED)).thenReturn(ShipmentState.DISPATCHED);
    when(workflows.signalShipment("o-1", ShipmentState.DISPATCHED)).thenReturn(true);

    advance(OPERATOR_KEY, "{\"state\": \"DISPATCHED\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.orderId").value("o-1"))
        .andExpect(jsonPath("$.shipmentState").value("DISPATCHED"));

    verify(workflows).signalShipment("o-1", ShipmentState.DISPATCHED);
  }

  @Test
  void shouldSignalTheStateTheShipmentIsInWhenItWentFurther() throws Exception {
    when(shipments.advance("o-1", ShipmentState.DISPATCHED)).thenReturn(ShipmentState.DELIVERED);

    advance(OPERATOR_KEY, "{\"state\": \"DISPATCHED\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.shipmentState").value("DELIVERED"));

    verify(workflows).signalShipment("o-1", ShipmentState.DELIVERED);
  }

  @Test
  void shouldAnswer404ForAnUnknownShipment() throws Exception {
    when(shipments.advance(any(), any()))
        .thenThrow(ApiProblem.notFound("No shipment for order o-1."));

    assertProblem(advance(OPERATOR_KEY, "{\"state\": \"DELIVERED\"}"), 404);
    verifyNoInteractions(workflows);
  }

  @Test
  void shouldAnswer409ForACancelledShipment() throws Exception {
    when(shipments.advance(any(), any()))
        .thenThrow(new ApiProblem(ProblemType.SHIPMENT_CANCELLED, "cancelled"));

    ResultActions result = advance(OPERATOR_KEY, "{\"state\": \"DELIVERED\"}");

    assertProblem(result, 409);
    result.andExpect(jsonPath("$.type").value("urn:ordersystem:problem:shipment-cancelled"));
    verifyNoInteractions(workflows);
  }

  @Test
  void shouldAnswer503WhenTheShippingServiceIsDown() throws Exception {
    when(shipments.advance(any(), any()))
        .thenThrow(new DownstreamException("shipping", Status.UNAVAILABLE.asRuntimeException()));

    assertProblem(advance(OPERATOR_KEY, "{\"state\": \"DELIVERED\"}"), 503);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"state\": \"SHIPPED\"}",
        "{\"state\": \"CREATED\"}",
        "{\"state\": \"CANCELLED\"}",
        "{\"state\": \"dispatched\"}",
        "{\"state\": 3}",
        "{}",
        "{\"state\": \"DISPATCHED\", \"carrier\": \"x\"}"
      })
  void shouldRefuseABadStateWith400(String body) throws Exception {
    assertProblem(advance(OPERATOR_KEY, body), 400);
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldAnswer404WithoutCallingForAMalformedOrderId() throws Exception {
    assertProblem(
        perform(
            OPERATOR_KEY,
            post("/api/v1/ops/shipments/" + "x".repeat(65) + "/advance")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\": \"DISPATCHED\"}")),
        404);
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldAnswer403ForShopKeys() throws Exception {
    assertProblem(advance(SHOP_KEY, "{\"state\": \"DISPATCHED\"}"), 403);
    verifyNoInteractions(shipments, workflows);
  }

  private ResultActions advance(String key, String body) throws Exception {
    return perform(key, post(PATH).contentType(MediaType.APPLICATION_JSON).content(body));
  }
}
