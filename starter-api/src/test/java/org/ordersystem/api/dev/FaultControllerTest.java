package org.ordersystem.api.dev;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.dev.FaultControl.Service;
import org.ordersystem.api.grpc.DownstreamException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The dev fault control, enabled, in a web slice with the services' fault control mocked. */
@ApiWebSlice
@Import(FaultController.class)
@TestPropertySource(properties = "orders.dev.faults-enabled=true")
class FaultControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean FaultControl faultControl;

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
  void shouldSetReadAndClearTheFaultsOfThePsp() throws Exception {
    Faults wanted = new Faults(0, 0, false, true);
    when(faultControl.set(Service.PSP, wanted)).thenReturn(wanted);
    when(faultControl.get(Service.PSP)).thenReturn(wanted);
    when(faultControl.set(Service.PSP, Faults.NONE)).thenReturn(Faults.NONE);

    putFaults("psp", "{\"commitThenTimeout\":true}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.commitThenTimeout").value(true))
        .andExpect(jsonPath("$.errorRate").value(0.0));
    operator(get("/api/v1/dev/faults/psp"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.commitThenTimeout").value(true));
    operator(delete("/api/v1/dev/faults/psp"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.commitThenTimeout").value(false));
    verify(faultControl).set(Service.PSP, Faults.NONE);
  }

  @Test
  void shouldShapeThePspEventDeliveryBesideItsRpcFaults() throws Exception {
    Faults wanted = new Faults(0, 0, false, true, true, true);
    when(faultControl.set(Service.PSP, wanted)).thenReturn(wanted);

    putFaults("psp", "{\"commitThenTimeout\":true,\"duplicateEvents\":true,\"reorderEvents\":true}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.duplicateEvents").value(true))
        .andExpect(jsonPath("$.reorderEvents").value(true));
    assertProblem(putFaults("psp", "{\"duplicateEvents\":\"twice\"}"), 400);
    verify(faultControl).set(Service.PSP, wanted);
  }

  @Test
  void shouldAnswer503WhenThePspIsDown() throws Exception {
    when(faultControl.get(Service.PSP))
        .thenThrow(new DownstreamException("psp", Status.UNAVAILABLE.asRuntimeException()));

    ResultActions result = operator(get("/api/v1/dev/faults/psp"));

    assertProblem(result, 503);
    result.andExpect(jsonPath("$.detail").value("The psp service is unavailable; retry later."));
  }

  @Test
  void shouldRefuseOutOfRangeFaultsWithEveryFieldError() throws Exception {
    ResultActions result = putFaults("payment", "{\"errorRate\":1.5,\"latencyMs\":60001}");

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors[0].field").value("errorRate"))
        .andExpect(jsonPath("$.errors[1].field").value("latencyMs"));
    verifyNoInteractions(faultControl);
  }

  @Test
  void shouldRefuseAValueOfTheWrongTypeAtItsField() throws Exception {
    ResultActions result = putFaults("payment", "{\"outage\":\"yes\"}");

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors[0].field").value("outage"))
        .andExpect(jsonPath("$.errors[0].message").value("must be true or false"));
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
    ResultActions unknown = putFaults("billing", "{\"outage\":true}");
    assertProblem(unknown, 404);
    unknown.andExpect(jsonPath("$.detail", containsString("stock, shipping, payment or psp")));
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
