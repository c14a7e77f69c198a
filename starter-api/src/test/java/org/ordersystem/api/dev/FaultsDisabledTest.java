package org.ordersystem.api.dev;

import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Outside the local stack the fault control does not exist. */
@TestPropertySource(properties = "orders.dev.faults-enabled=false")
class FaultsDisabledTest extends ApiTestSupport {

  @Test
  void shouldAnswer404WhenFaultsAreDisabled() throws Exception {
    assertProblem(
        mvc.perform(
            get("/api/v1/dev/faults/stock").header("Authorization", "Bearer " + OPERATOR_KEY)),
        404);
    assertProblem(
        mvc.perform(
            put("/api/v1/dev/faults/stock")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"outage\":true}")),
        404);
  }
}
