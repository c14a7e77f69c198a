package org.ordersystem.api.slo;

import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.web.servlet.ResultActions;

/**
 * GET /ops/slo: every objective with its budget and burn rates, operators only. With the metrics
 * export that tests leave out by default, to see /actuator/prometheus. On the whole API: the meters
 * come from the SLO monitor and the actuator exports them, neither of which a web slice has.
 */
@AutoConfigureObservability(tracing = false)
class SloControllerTest extends ApiTestSupport {

  private static final String PATH = "/api/v1/ops/slo";

  @Test
  void shouldAnswerEveryObjectiveWithTheBurnRateOfEachWindow() throws Exception {
    as(OPERATOR_KEY)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.slos.length()").value(2))
        .andExpect(jsonPath("$.slos[0].slo").value("order-acceptance"))
        .andExpect(jsonPath("$.slos[0].objective").value(0.999))
        .andExpect(jsonPath("$.slos[0].budgetPeriod").value("PT672H"))
        .andExpect(jsonPath("$.slos[0].budgetLeft").isNumber())
        .andExpect(jsonPath("$.slos[0].alerts.length()").value(3))
        .andExpect(jsonPath("$.slos[0].alerts[0].alert").value("OrderAcceptanceBurnPage"))
        .andExpect(jsonPath("$.slos[0].alerts[0].window").value("page-fast"))
        .andExpect(jsonPath("$.slos[0].alerts[0].threshold").value(14.4))
        .andExpect(jsonPath("$.slos[0].alerts[0].longWindow").value("PT1H"))
        .andExpect(jsonPath("$.slos[0].alerts[0].shortWindow").value("PT5M"))
        .andExpect(jsonPath("$.slos[0].alerts[0].longBurnRate").isNumber())
        .andExpect(jsonPath("$.slos[0].alerts[0].shortBurnRate").isNumber())
        .andExpect(jsonPath("$.slos[0].alerts[0].firing").isBoolean())
        .andExpect(jsonPath("$.slos[0].alerts[2].alert").value("OrderAcceptanceBurnTicket"))
        .andExpect(jsonPath("$.slos[0].alerts[2].longWindow").value("PT72H"))
        .andExpect(jsonPath("$.slos[1].slo").value("order-completion"))
        .andExpect(jsonPath("$.slos[1].objective").value(0.99))
        .andExpect(jsonPath("$.runbook").value("docs/runbook.md"));
  }

  @Test
  void shouldAnswer403ForShopKeysAnd401WithoutAKey() throws Exception {
    assertProblem(as(SHOP_KEY), 403);
    assertProblem(as(null), 401);
  }

  @Test
  void shouldExposeTheOrderAndSloMetricsToPrometheus() throws Exception {
    mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("orders_pending ")))
        .andExpect(
            content()
                .string(
                    Matchers.containsString(
                        "orders_slo_burn_rate{slo=\"order-completion\",span=\"short\","
                            + "window=\"page-fast\"}")))
        .andExpect(
            content()
                .string(
                    Matchers.containsString(
                        "orders_slo_budget_remaining{slo=\"order-acceptance\"} 1.0")));
  }

  private ResultActions as(String key) throws Exception {
    return perform(key, get(PATH));
  }
}
