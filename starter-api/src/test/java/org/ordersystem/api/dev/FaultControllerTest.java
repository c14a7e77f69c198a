package org.ordersystem.api.dev;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.ordersystem.api.dev.FaultControl.Service;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** The dev fault control, enabled in the shared test context. */
class FaultControllerTest extends ApiTestSupport {

  @Test
  void shouldSetTheFaultsOfAServiceAndReturnThoseInForce() throws Exception {
    Faults wanted = new Faults(0.5, 200, false, true);
    when(faultControl.set(Service.SHIPPING, wanted)).thenReturn(wanted);

    putFaults("shipping", "{\"errorRate\":0.5,\"latencyMs\":200,\"commitThenTimeout\":true}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.errorRate").value(0.5))
        .andExpect(jsonPath("$.latencyMs").value(200))
        .andExpect(jsonPath("$.outage").value(false))
        .andExpect(jsonPath("$.commitThenTimeout").value(true));
  }

  @Test
  void shouldReadAndClearFaults() throws Exception {
    when(faultControl.get(Service.STOCK)).thenReturn(new Faults(0, 0, true, false));
    when(faultControl.set(Service.STOCK, Faults.NONE)).thenReturn(Faults.NONE);

    operator(get("/api/v1/dev/faults/stock")).andExpect(jsonPath("$.outage").value(true));
    operator(delete("/api/v1/dev/faults/stock"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outage").value(false));
    verify(faultControl).set(eq(Service.STOCK), eq(Faults.NONE));
  }

  @Test
  void shouldRefuseOutOfRangeFaultsWithEveryFieldError() throws Exception {
    ResultActions result =
        putFaults("payment", "{\"errorRate\":1.5,\"latencyMs\":60001,\"outage\":\"yes\"}");

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors[0].field").value("errorRate"))
        .andExpect(jsonPath("$.errors[1].field").value("latencyMs"))
        .andExpect(jsonPath("$.errors[2].field").value("outage"));
    verifyNoInteractions(faultControl);
  }

  @Test
  void shouldRefuseNegativeLatencyAndUnknownFields() throws Exception {
    assertProblem(putFaults("payment", "{\"latencyMs\":-1}"), 400);
    assertProblem(putFaults("payment", "{\"errorRatio\":0.1}"), 400);
    verifyNoInteractions(faultControl);
  }

  @Test
  void shouldAnswer404ForAnUnknownService() throws Exception {
    assertProblem(putFaults("billing", "{\"outage\":true}"), 404);
    assertProblem(operator(get("/api/v1/dev/faults/billing")), 404);
    verifyNoInteractions(faultControl);
  }

  private ResultActions putFaults(String service, String body) throws Exception {
    return operator(
        put("/api/v1/dev/faults/" + service).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  private ResultActions operator(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
      throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer " + OPERATOR_KEY));
  }
}
