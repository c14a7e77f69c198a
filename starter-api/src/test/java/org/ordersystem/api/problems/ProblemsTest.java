package org.ordersystem.api.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;

/**
 * Spring MVC's own failures are problems too. On the whole API: a path no controller maps must be a
 * 404 problem next to every mapping the application has (the actuator's, the API docs'), not only
 * in a slice with a few controllers.
 */
class ProblemsTest extends ApiTestSupport {

  @Test
  void shouldAnswerAnUnknownPathWith404Problem() throws Exception {
    assertProblem(
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer " + SHOP_KEY)),
        404);
  }

  @Test
  void shouldAnswerAnUnsupportedMethodWith405Problem() throws Exception {
    assertProblem(
        mvc.perform(delete("/api/v1/products").header("Authorization", "Bearer " + SHOP_KEY)), 405);
  }

  @Test
  void shouldSetTheRequestPathAsInstance() throws Exception {
    mvc.perform(get("/api/v1/orders/nope").header("Authorization", "Bearer " + SHOP_KEY))
        .andExpect(jsonPath("$.instance").value("/api/v1/orders/nope"))
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:not-found"));
  }

  @Test
  void shouldRoundRetryAfterUpToWholeSecondsOfAtLeastOne() {
    assertThat(ProblemHandler.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(ProblemHandler.retryAfterSeconds(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(ProblemHandler.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo(2);
  }
}
