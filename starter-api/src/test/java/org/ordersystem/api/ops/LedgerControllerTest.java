package org.ordersystem.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.grpc.DownstreamException;
import org.springframework.test.web.servlet.ResultActions;

/** GET /ops/ledger: the payment service's ledger audit with its verdict, operators only. */
class LedgerControllerTest extends OpsSliceSupport {

  private static final String PATH = "/api/v1/ops/ledger";

  @Test
  void shouldReportABalancedLedger() throws Exception {
    when(ledger.check()).thenReturn(LedgerCheck.of(1250, 0, 0, 0));

    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries").value(1250))
        .andExpect(jsonPath("$.unbalancedEntries").value(0))
        .andExpect(jsonPath("$.total").value(0))
        .andExpect(jsonPath("$.negativeAccounts").value(0))
        .andExpect(jsonPath("$.balanced").value(true));
  }

  @Test
  void shouldReportAnUnbalancedLedgerWith200() throws Exception {
    when(ledger.check()).thenReturn(LedgerCheck.of(10, 1, -700, 0));

    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.unbalancedEntries").value(1))
        .andExpect(jsonPath("$.total").value(-700))
        .andExpect(jsonPath("$.balanced").value(false));
  }

  @Test
  void shouldCountEveryBrokenRuleAsUnbalanced() {
    assertThat(LedgerCheck.of(5, 0, 0, 0).balanced()).isTrue();
    assertThat(LedgerCheck.of(5, 1, 0, 0).balanced()).isFalse();
    assertThat(LedgerCheck.of(5, 0, 1, 0).balanced()).isFalse();
    assertThat(LedgerCheck.of(5, 0, 0, 1).balanced()).isFalse();
  }

  @Test
  void shouldAnswer403ForShopKeys() throws Exception {
    assertProblem(as(SHOP_KEY), 403);
    verifyNoInteractions(ledger);
  }

  @Test
  void shouldAnswer503WhenThePaymentServiceIsDown() throws Exception {
    when(ledger.check())
        .thenThrow(
            new DownstreamException("payment", Status.DEADLINE_EXCEEDED.asRuntimeException()));

    assertProblem(as(OPERATOR_KEY), 503);
  }

  private ResultActions as(String key) throws Exception {
    return mvc.perform(get(PATH).header("Authorization", "Bearer " + key));
  }
}
