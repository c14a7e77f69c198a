package org.ordersystem.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.springframework.test.web.servlet.ResultActions;

/** POST /ops/recovery/sweeps and GET /ops/recovery/sweeps/{sweepId}. */
class SweepControllerTest extends RecoverySliceSupport {

  private static final String PATH = "/api/v1/ops/recovery/sweeps";
  private static final String SWEEP_ID =
      "recovery-sweep-manual-0b7e1c9a-5d0f-4c55-9a57-7d0f1a2b3c4d";

  @Test
  void shouldRunASweepNowAndAnswerItsSummary() throws Exception {
    when(sweeps.start(any(), any())).thenReturn(new SweepOutcome.Finished(SWEEP_ID, summary()));

    perform(OPERATOR_KEY, post(PATH))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sweepId").value(SWEEP_ID))
        .andExpect(jsonPath("$.trigger").value("manual:demo-operator"))
        .andExpect(jsonPath("$.examined").value(2))
        .andExpect(jsonPath("$.retried").value(1))
        .andExpect(jsonPath("$.completed").value(1))
        .andExpect(jsonPath("$.rolledBack").value(1))
        .andExpect(jsonPath("$.items[0].orderId").value("o-1"))
        .andExpect(jsonPath("$.items[0].decision").value("RETRY"))
        .andExpect(jsonPath("$.items[0].outcome").value("COMPLETED"))
        .andExpect(jsonPath("$.items[1].decision").value("ROLLBACK"));

    ArgumentCaptor<SweepRequest> request = ArgumentCaptor.forClass(SweepRequest.class);
    verify(sweeps).start(request.capture(), eq(Duration.ofSeconds(30)));
    assertThat(request.getValue())
        .isEqualTo(new SweepRequest("manual:demo-operator", RecoverySettings.defaults()));
  }

  @Test
  void shouldAnswer202WithALocationForASlowSweepThenItsSummaryThere() throws Exception {
    when(sweeps.start(any(), any())).thenReturn(new SweepOutcome.Running(SWEEP_ID));

    String location =
        perform(OPERATOR_KEY, post(PATH))
            .andExpect(status().isAccepted())
            .andExpect(header().string("Location", PATH + "/" + SWEEP_ID))
            .andExpect(jsonPath("$.sweepId").value(SWEEP_ID))
            .andReturn()
            .getResponse()
            .getHeader("Location");

    when(sweeps.find(SWEEP_ID)).thenReturn(Optional.of(new SweepOutcome.Running(SWEEP_ID)));
    perform(OPERATOR_KEY, get(location))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.sweepId").value(SWEEP_ID));

    when(sweeps.find(SWEEP_ID))
        .thenReturn(Optional.of(new SweepOutcome.Finished(SWEEP_ID, summary())));
    perform(OPERATOR_KEY, get(location))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sweepId").value(SWEEP_ID))
        .andExpect(jsonPath("$.finishedAt").value("2026-01-02T05:00:03Z"));
  }

  @Test
  void shouldAnswer404ForNoSuchSweep() throws Exception {
    when(sweeps.find(any())).thenReturn(Optional.empty());

    ResultActions result = perform(OPERATOR_KEY, get(PATH + "/order-o-1"));

    assertProblem(result, 404);
    verify(sweeps).find("order-o-1");
  }

  @Test
  void shouldAnswer502ForASweepThatEndedWithoutSummary() throws Exception {
    when(sweeps.find(SWEEP_ID))
        .thenReturn(Optional.of(new SweepOutcome.Failed(SWEEP_ID, "TERMINATED")));

    ResultActions result = perform(OPERATOR_KEY, get(PATH + "/" + SWEEP_ID));

    assertProblem(result, 502);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:sweep-failed"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("TERMINATED")));
  }

  @Test
  void shouldAnswer403ToAShopKey() throws Exception {
    assertProblem(perform(SHOP_KEY, post(PATH)), 403);
    assertProblem(perform(SHOP_KEY, get(PATH + "/" + SWEEP_ID)), 403);
    verifyNoInteractions(sweeps);
  }

  private static SweepSummary summary() {
    return new SweepSummary(
        SWEEP_ID,
        "manual:demo-operator",
        Instant.parse("2026-01-02T05:00:00Z"),
        Instant.parse("2026-01-02T05:00:03Z"),
        2,
        1,
        1,
        1,
        0,
        0,
        2,
        List.of(
            new SweepItem(
                "o-1",
                OrderStatus.PENDING,
                OrderStep.REGISTER_SHIPPING,
                "STEP_TIMED_OUT",
                SweepDecision.RETRY,
                "backoff over",
                OrderStatus.COMPLETED,
                null),
            new SweepItem(
                "o-2",
                OrderStatus.PENDING,
                OrderStep.AUTHORIZE_PAYMENT,
                "STEP_TIMED_OUT",
                SweepDecision.ROLLBACK,
                "placed more than a day ago",
                OrderStatus.CANCELLED,
                null)));
  }
}
