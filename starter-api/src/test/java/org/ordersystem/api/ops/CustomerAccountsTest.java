package org.ordersystem.api.ops;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.grpc.DownstreamException;
import org.springframework.test.web.servlet.ResultActions;

/** GET /ops/customers/{customerId}/accounts: one customer's balance and points, operators only. */
class CustomerAccountsTest extends OpsSliceSupport {

  private static final String PATH = "/api/v1/ops/customers/cust-1/accounts";

  @Test
  void shouldShowBalanceAndPointsOfACustomer() throws Exception {
    when(accounts.find("cust-1"))
        .thenReturn(
            Optional.of(
                new AccountBalances(
                    "cust-1",
                    new Amounts(9_000_000, 1_000_000, 10_000_000),
                    new Amounts(4_500, 500, 5_000))));

    as(OPERATOR_KEY, PATH)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.customerId").value("cust-1"))
        .andExpect(jsonPath("$.balance.available").value(9_000_000))
        .andExpect(jsonPath("$.balance.pending").value(1_000_000))
        .andExpect(jsonPath("$.balance.posted").value(10_000_000))
        .andExpect(jsonPath("$.points.available").value(4_500))
        .andExpect(jsonPath("$.points.pending").value(500))
        .andExpect(jsonPath("$.points.posted").value(5_000));
  }

  @Test
  void shouldAnswer404ForAnUnknownCustomer() throws Exception {
    when(accounts.find("nobody")).thenReturn(Optional.empty());

    ResultActions result = as(OPERATOR_KEY, "/api/v1/ops/customers/nobody/accounts");

    assertProblem(result, 404);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:not-found"))
        .andExpect(jsonPath("$.instance").value("/api/v1/ops/customers/nobody/accounts"));
    verify(accounts).find("nobody");
  }

  @Test
  void shouldAnswer404WithoutLookingUpAMalformedCustomerId() throws Exception {
    assertProblem(as(OPERATOR_KEY, "/api/v1/ops/customers/" + "c".repeat(65) + "/accounts"), 404);
    assertProblem(as(OPERATOR_KEY, "/api/v1/ops/customers/a%20b/accounts"), 404);
    verifyNoInteractions(accounts);
  }

  @Test
  void shouldAnswer403ForShopKeys() throws Exception {
    assertProblem(as(SHOP_KEY, PATH), 403);
    verifyNoInteractions(accounts);
  }

  @Test
  void shouldAnswer401WithoutKey() throws Exception {
    assertProblem(mvc.perform(get(PATH)), 401);
    verifyNoInteractions(accounts);
  }

  @Test
  void shouldAnswer503WhenThePaymentServiceIsDown() throws Exception {
    when(accounts.find("cust-1"))
        .thenThrow(new DownstreamException("payment", Status.UNAVAILABLE.asRuntimeException()));

    assertProblem(as(OPERATOR_KEY, PATH), 503);
  }

  private ResultActions as(String key, String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", "Bearer " + key));
  }
}
