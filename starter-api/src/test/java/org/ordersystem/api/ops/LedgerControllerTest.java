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
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;
import org.springframework.test.web.servlet.ResultActions;

/** GET /ops/ledger: the payment service's ledger audit with its verdict, operators only. */
class LedgerControllerTest extends OpsSliceSupport {

  private static final String PATH = "/api/v1/ops/ledger";

  @Test
  void shouldReportABalancedLedger() throws Exception {
    when(ledger.check()).thenReturn(LedgerCheck.of(ledger(1250).build()));

    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries").value(1250))
        .andExpect(jsonPath("$.unbalancedEntries").value(0))
        .andExpect(jsonPath("$.total").value(0))
        .andExpect(jsonPath("$.negativeAccounts").value(0))
        .andExpect(jsonPath("$.mismatchedAccounts").value(0))
        .andExpect(jsonPath("$.inconsistentLegs").value(0))
        .andExpect(jsonPath("$.balanced").value(true));
  }

  @Test
  void shouldReportAnUnbalancedLedgerWith200() throws Exception {
    when(ledger.check())
        .thenReturn(LedgerCheck.of(ledger(10).setUnbalancedEntries(1).setTotal(-700).build()));

    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.unbalancedEntries").value(1))
        .andExpect(jsonPath("$.total").value(-700))
        .andExpect(jsonPath("$.balanced").value(false));
  }

  @Test
  void shouldReportLegsAndBalancesThatDisagreeWithTheJournal() throws Exception {
    when(ledger.check())
        .thenReturn(
            LedgerCheck.of(ledger(10).setMismatchedAccounts(2).setInconsistentLegs(3).build()));

    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.mismatchedAccounts").value(2))
        .andExpect(jsonPath("$.inconsistentLegs").value(3))
        .andExpect(jsonPath("$.balanced").value(false));
  }

  @Test
  void shouldCountEveryBrokenRuleAsUnbalanced() {
    assertThat(LedgerCheck.of(ledger(5).build()).balanced()).isTrue();
    assertThat(LedgerCheck.of(ledger(5).setUnbalancedEntries(1).build()).balanced()).isFalse();
    assertThat(LedgerCheck.of(ledger(5).setTotal(1).build()).balanced()).isFalse();
    assertThat(LedgerCheck.of(ledger(5).setNegativeAccounts(1).build()).balanced()).isFalse();
    assertThat(LedgerCheck.of(ledger(5).setMismatchedAccounts(1).build()).balanced()).isFalse();
    assertThat(LedgerCheck.of(ledger(5).setInconsistentLegs(1).build()).balanced()).isFalse();
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

  /** The payment service's answer for a ledger of {@code entries} entries and nothing wrong. */
  private static CheckLedgerResponse.Builder ledger(long entries) {
    return CheckLedgerResponse.newBuilder().setEntries(entries);
  }

  private ResultActions as(String key) throws Exception {
    return mvc.perform(get(PATH).header("Authorization", "Bearer " + key));
  }
}
