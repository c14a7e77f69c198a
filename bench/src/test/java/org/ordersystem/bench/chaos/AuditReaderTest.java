package org.ordersystem.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How the auditor reads the API's ledger check (GET /ops/ledger) into what it finds wrong. */
class AuditReaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldFindNothingWrongInABalancedLedger() throws Exception {
    assertThat(
            AuditReader.ledgerFaults(
                check(
                    "{\"entries\":1250,\"unbalancedEntries\":0,\"total\":0,"
                        + "\"negativeAccounts\":0,\"mismatchedAccounts\":0,"
                        + "\"inconsistentLegs\":0,\"balanced\":true}")))
        .isEmpty();
  }

  @Test
  void shouldNameEveryCountThatIsNotZero() throws Exception {
    assertThat(
            AuditReader.ledgerFaults(
                check(
                    "{\"entries\":1250,\"unbalancedEntries\":0,\"total\":-700,"
                        + "\"negativeAccounts\":0,\"mismatchedAccounts\":1,"
                        + "\"inconsistentLegs\":2,\"balanced\":false}")))
        .containsExactly("total -700", "mismatchedAccounts 1", "inconsistentLegs 2");
  }

  @Test
  void shouldKeepTheWholeAnswerWhenTheVerdictFailsForACountItDoesNotKnow() throws Exception {
    assertThat(AuditReader.ledgerFaults(check("{\"entries\":3,\"balanced\":false}")))
        .containsExactly("not balanced: {\"entries\":3,\"balanced\":false}");
  }

  @Test
  void shouldNotTakeAnAnswerWithoutAVerdictForABalancedLedger() throws Exception {
    assertThat(AuditReader.ledgerFaults(check("{\"status\":503,\"title\":\"Unavailable\"}")))
        .containsExactly("no verdict: {\"status\":503,\"title\":\"Unavailable\"}");
  }

  private static JsonNode check(String json) throws Exception {
    return JSON.readTree(json);
  }
}
