package org.ordersystem.workflows.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;

class RecoveryPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final RecoverySettings SETTINGS =
      new RecoverySettings(
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          4,
          3,
          Duration.ofMinutes(1),
          Duration.ofMinutes(10),
          Duration.ofDays(1),
          100);

  @Test
  void shouldWaitForTheBackoffThenRetryATransientCause() {
    assertThat(decide(pending("STEP_TIMED_OUT", 1, true, NOW.minusSeconds(30))))
        .isEqualTo(SweepDecision.WAIT);
    assertThat(decide(pending("STEP_TIMED_OUT", 1, true, NOW.minusSeconds(61))))
        .isEqualTo(SweepDecision.RETRY);
    // Two retries done: the backoff doubled twice, to four minutes.
    assertThat(decide(pending("STEP_TIMED_OUT", 3, true, NOW.minus(Duration.ofMinutes(3)))))
        .isEqualTo(SweepDecision.WAIT);
    assertThat(decide(pending("STEP_TIMED_OUT", 3, false, NOW.minus(Duration.ofMinutes(5)))))
        .isEqualTo(SweepDecision.RETRY);
  }

  @Test
  void shouldCapTheBackoff() {
    assertThat(RecoveryPolicy.backoff(0, SETTINGS)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RecoveryPolicy.backoff(3, SETTINGS)).isEqualTo(Duration.ofMinutes(8));
    assertThat(RecoveryPolicy.backoff(40, SETTINGS)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldGiveUpAfterTheRetryLimitByRollingBackOrReportingAfterCapture() {
    Instant longAgo = NOW.minus(Duration.ofHours(1));
    assertThat(decide(pending("STEP_TIMED_OUT", 4, true, longAgo)))
        .isEqualTo(SweepDecision.ROLLBACK);
    assertThat(decide(pending("STEP_TIMED_OUT", 4, false, longAgo)))
        .isEqualTo(SweepDecision.REPORT);
  }

  @Test
  void shouldRollBackACauseARetryCannotChangeUnlessCaptureBegan() {
    assertThat(decide(pending("CARRIER_CONTRACT_MISSING", 1, true, NOW)))
        .isEqualTo(SweepDecision.ROLLBACK);
    assertThat(decide(pending("LEG_NOT_AUTHORIZED", 1, false, NOW)))
        .isEqualTo(SweepDecision.REPORT);
  }

  @Test
  void shouldRollBackAnOrderTooOldForItsCustomerWhenItStillCan() {
    SweepCandidate old =
        new SweepCandidate(
            "ord-1",
            "shop-1",
            OrderStatus.PENDING,
            OrderStep.REGISTER_SHIPPING,
            new PendingInfo(OrderStep.REGISTER_SHIPPING, "STEP_TIMED_OUT", "down", NOW, 1, true),
            NOW.minus(Duration.ofDays(2)),
            NOW);
    assertThat(RecoveryPolicy.decide(old, NOW, SETTINGS).decision())
        .isEqualTo(SweepDecision.ROLLBACK);
  }

  @Test
  void shouldOnlyReportAStaleCreatingOrderWithItsWorkflowsLiveness() {
    SweepCandidate stale =
        new SweepCandidate(
            "ord-1",
            "shop-1",
            OrderStatus.CREATING,
            OrderStep.CAPTURE_PAYMENT,
            null,
            NOW.minus(Duration.ofHours(2)),
            NOW.minus(Duration.ofHours(1)));
    RecoveryPolicy.Verdict verdict =
        RecoveryPolicy.decideStale(stale, WorkflowLiveness.NOT_FOUND, NOW);
    assertThat(verdict.decision()).isEqualTo(SweepDecision.REPORT);
    assertThat(verdict.why()).contains("CAPTURE_PAYMENT", "PT1H", "unknown to the server");
  }

  @Test
  void shouldTellHowToResumeAStaleOrderWhoseWorkflowWasTerminated() {
    SweepCandidate stale =
        new SweepCandidate(
            "ord-1",
            "shop-1",
            OrderStatus.CREATING,
            OrderStep.REGISTER_SHIPPING,
            null,
            NOW.minus(Duration.ofHours(2)),
            NOW.minus(Duration.ofHours(1)));

    RecoveryPolicy.Verdict verdict =
        RecoveryPolicy.decideStale(stale, WorkflowLiveness.CLOSED, NOW);

    assertThat(verdict.decision()).isEqualTo(SweepDecision.REPORT);
    assertThat(verdict.why())
        .contains("REGISTER_SHIPPING", "terminated", "reset", "LastWorkflowTask");
  }

  @Test
  void shouldReportAPendingOrderWithoutItsReason() {
    assertThat(
            decide(
                new SweepCandidate(
                    "ord-1",
                    "shop-1",
                    OrderStatus.PENDING,
                    OrderStep.RESERVE_STOCK,
                    null,
                    NOW,
                    NOW)))
        .isEqualTo(SweepDecision.REPORT);
  }

  private static SweepDecision decide(SweepCandidate candidate) {
    return RecoveryPolicy.decide(candidate, NOW, SETTINGS).decision();
  }

  static SweepCandidate pending(
      String reason, int attempts, boolean rollbackAllowed, Instant since) {
    OrderStep step = rollbackAllowed ? OrderStep.REGISTER_SHIPPING : OrderStep.CAPTURE_PAYMENT;
    return new SweepCandidate(
        "ord-1",
        "shop-1",
        OrderStatus.PENDING,
        step,
        new PendingInfo(step, reason, "it failed", since, attempts, rollbackAllowed),
        NOW.minus(Duration.ofHours(1)),
        since);
  }
}
