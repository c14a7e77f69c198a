package org.ordersystem.api.auth;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.OTHER_SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_ID;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.storedOrder;
import static org.ordersystem.api.ApiFixtures.validOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.ordersystem.api.ops.Amounts;
import org.ordersystem.api.ops.CustomerAccount;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * API keys: 401 without a known key, 403 for the wrong role, 404 for another shop's order. On the
 * whole API: the check is shown across every area's paths at once (products, orders, ops, dev), and
 * the API docs and the actuator's health answer without a key.
 */
class AuthTest extends ApiTestSupport {

  @Test
  void shouldAnswer401WithChallengeWithoutKey() throws Exception {
    ResultActions result = mvc.perform(get("/api/v1/products"));

    assertProblem(result, 401);
    result.andExpect(header().string("WWW-Authenticate", "Bearer realm=\"orders-api\""));
    verifyNoInteractions(catalog);
  }

  @Test
  void shouldAnswer401ForUnknownKey() throws Exception {
    ResultActions result =
        mvc.perform(get("/api/v1/products").header("Authorization", "Bearer not-a-known-key"));

    assertProblem(result, 401);
    result.andExpect(
        header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
  }

  @Test
  void shouldAnswer401ForOtherSchemes() throws Exception {
    assertProblem(
        mvc.perform(get("/api/v1/products").header("Authorization", "Basic " + SHOP_KEY)), 401);
  }

  @Test
  void shouldAnswer401BeforeAnythingElseOnPost() throws Exception {
    assertProblem(postOrder(null, "key-1", validOrder().toString()), 401);
    verifyNoInteractions(idempotencyKeys, workflows, catalog);
  }

  @Test
  void shouldAnswer403ForShopKeyOnOps() throws Exception {
    assertProblem(as(SHOP_KEY, "/api/v1/ops/customers"), 403);
    verifyNoInteractions(accounts);
  }

  @Test
  void shouldAnswer403ForShopKeyOnOpsThroughAnEncodedPath() throws Exception {
    // The role is checked on the handler Spring routed to, not on the raw path.
    ResultActions result =
        mvc.perform(get("/api/v1/%6Fps/customers").header("Authorization", "Bearer " + SHOP_KEY));
    result.andExpect(status().is(org.hamcrest.Matchers.oneOf(403, 404)));
    verifyNoInteractions(accounts);
  }

  @Test
  void shouldAnswer403ForShopKeyOnDev() throws Exception {
    assertProblem(as(SHOP_KEY, "/api/v1/dev/faults/stock"), 403);
    assertProblem(
        mvc.perform(
            put("/api/v1/dev/faults/stock")
                .header("Authorization", "Bearer " + SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"outage\": true}")),
        403);
    verifyNoInteractions(faultControl);
  }

  @Test
  void shouldLetOperatorsReadCustomers() throws Exception {
    when(accounts.listAll())
        .thenReturn(
            List.of(
                new CustomerAccount(
                    "cust-1", 9_000_000, 10_000_000, 1_000_000, new Amounts(4_500, 500, 5_000))));

    as(OPERATOR_KEY, "/api/v1/ops/customers")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].customerId").value("cust-1"))
        .andExpect(jsonPath("$.items[0].balance").value(9_000_000))
        .andExpect(jsonPath("$.items[0].posted").value(10_000_000))
        .andExpect(jsonPath("$.items[0].pending").value(1_000_000))
        .andExpect(jsonPath("$.items[0].points.available").value(4_500))
        .andExpect(jsonPath("$.items[0].points.pending").value(500))
        .andExpect(jsonPath("$.items[0].points.posted").value(5_000));
  }

  @Test
  void shouldAnswer404ForAnotherShopsOrder() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)));

    assertProblem(as(OTHER_SHOP_KEY, "/api/v1/orders/o-1"), 404);
    as(SHOP_KEY, "/api/v1/orders/o-1").andExpect(status().isOk());
  }

  @Test
  void shouldLetOperatorsReadAnyOrder() throws Exception {
    when(readModel.find("o-1"))
        .thenReturn(Optional.of(storedOrder("o-1", SHOP_ID, OrderStatus.COMPLETED)));

    as(OPERATOR_KEY, "/api/v1/orders/o-1")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.orderId").value("o-1"));
  }

  @Test
  void shouldServeHealthAndApiDocsWithoutKey() throws Exception {
    mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
  }

  private ResultActions as(String key, String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", "Bearer " + key));
  }
}
