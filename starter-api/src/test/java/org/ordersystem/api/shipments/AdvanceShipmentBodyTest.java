package org.ordersystem.api.shipments;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.ShipmentState;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The advance body as a typed record, in the shipments slice: the controller, the problem handler,
 * the strict JSON reading and the API key check, nothing else, with the shipping service and the
 * workflows mocked.
 */
class AdvanceShipmentBodyTest extends ShipmentSliceSupport {

  @Test
  void shouldAdvanceWithAValidBody() throws Exception {
    when(shipments.advance(eq("o-1"), any())).thenReturn(ShipmentState.DISPATCHED);

    advance("{\"state\": \"DISPATCHED\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.shipmentState").value("DISPATCHED"));
  }

  @Test
  void shouldRefuseAnUnknownFieldAndChangeNothing() throws Exception {
    problem(advance("{\"state\": \"DISPATCHED\", \"carrier\": \"yamato\"}"))
        .andExpect(jsonPath("$.errors[*].field", contains("carrier")))
        .andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldRefuseAStateOutsideTheEnumNamingTheChoices() throws Exception {
    problem(advance("{\"state\": \"LOST\"}"))
        .andExpect(jsonPath("$.errors[0].field").value("state"))
        .andExpect(jsonPath("$.errors[0].message").value("must be one of DISPATCHED, DELIVERED"));
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldRequireTheState() throws Exception {
    problem(advance("{\"state\": null}"))
        .andExpect(jsonPath("$.errors[0].field").value("state"))
        .andExpect(jsonPath("$.errors[0].message").value("is required"));
    problem(advance("{}")).andExpect(jsonPath("$.errors[0].field").value("state"));
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldRefuseANumberForTheEnum() throws Exception {
    problem(advance("{\"state\": 0}")).andExpect(jsonPath("$.errors[0].field").value("state"));
    verifyNoInteractions(shipments, workflows);
  }

  @Test
  void shouldAnswer401BeforeReadingTheBody() throws Exception {
    mvc.perform(
            post("/api/v1/ops/shipments/o-1/advance")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"nonsense\": 1}"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(shipments, workflows);
  }

  private ResultActions advance(String body) throws Exception {
    return mvc.perform(
        post("/api/v1/ops/shipments/o-1/advance")
            .header("Authorization", "Bearer demo-operator-key")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static ResultActions problem(ResultActions result) throws Exception {
    return result
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:validation"))
        .andExpect(jsonPath("$.instance").value("/api/v1/ops/shipments/o-1/advance"));
  }
}
