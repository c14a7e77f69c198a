package org.ordersystem.api.dev;

import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Outside the local stack the fault control does not exist: the slice imports {@link
 * FaultController} as {@link FaultControllerTest} does, and its condition leaves it out. The
 * services' fault control is mocked all the same, so that a controller the condition let in would
 * answer rather than stop the context, and fail the test by its answer.
 */
@ApiWebSlice
@Import(FaultController.class)
@TestPropertySource(properties = "orders.dev.faults-enabled=false")
class FaultsDisabledTest extends ApiRequests {

  @MockitoBean FaultControl faultControl;

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
