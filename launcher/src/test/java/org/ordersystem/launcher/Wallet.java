package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** A customer's balance and points as operators see them, and the ledger audit. */
record Wallet(
    long balanceAvailable, long balancePending, long pointsAvailable, long pointsPending) {

  static Wallet of(ApiClient operator, String customerId) {
    ApiClient.Answer answer = operator.get("/api/v1/ops/customers/" + customerId + "/accounts");
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    JsonNode body = answer.body();
    return new Wallet(
        body.path("balance").path("available").asLong(),
        body.path("balance").path("pending").asLong(),
        body.path("points").path("available").asLong(),
        body.path("points").path("pending").asLong());
  }

  /**
   * Fails unless every journal entry sums to zero, no account is negative, and stored balances and
   * legs agree with the journal.
   */
  static void assertLedgerBalanced(ApiClient operator) {
    JsonNode ledger = operator.get("/api/v1/ops/ledger").body();
    assertThat(ledger.path("unbalancedEntries").asLong()).as(ledger.toString()).isZero();
    assertThat(ledger.path("total").asLong()).as(ledger.toString()).isZero();
    assertThat(ledger.path("negativeAccounts").asLong()).as(ledger.toString()).isZero();
    assertThat(ledger.path("mismatchedAccounts").asLong()).as(ledger.toString()).isZero();
    assertThat(ledger.path("inconsistentLegs").asLong()).as(ledger.toString()).isZero();
    assertThat(ledger.path("balanced").asBoolean()).as(ledger.toString()).isTrue();
  }
}
