package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The retry contract the saga relies on, spelled out. */
class StepOptionsTest {

  @Test
  void shouldNeverRetryBusinessFailures() {
    assertThat(StepOptions.transientRetries().getDoNotRetry())
        .containsExactlyInAnyOrder(
            Arrays.stream(FailureType.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void shouldRetryTransientFailuresWithExponentialBackoffAndNoAttemptLimit() {
    RetryOptions retry = StepOptions.transientRetries();

    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(retry.getBackoffCoefficient()).isEqualTo(2.0);
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.getMaximumAttempts()).isZero();
  }

  @Test
  void shouldGiveStepsBeforeCaptureTheirRetryBudget() {
    ActivityOptions options = StepOptions.withinBudget(Duration.ofMinutes(3));

    assertThat(options.getScheduleToCloseTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldRetryCaptureCommitAndCompensationsWithoutLimit() {
    ActivityOptions options = StepOptions.untilDone();

    assertThat(options.getScheduleToCloseTimeout()).isNull();
    assertThat(options.getRetryOptions().getMaximumAttempts()).isZero();
    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldWriteReadModelWithShortLocalActivitiesRetriedInRounds() {
    assertThat(StepOptions.readModel().getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
    // Without it the SDK would not retry a local activity at all.
    assertThat(StepOptions.readModel().getScheduleToCloseTimeout())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(StepOptions.readModel().getRetryOptions().getMaximumAttempts()).isZero();
  }

  @Test
  void shouldDefaultTheStepRetryBudgetToFiveMinutesAndRefuseNonPositiveOnes() {
    assertThat(OrderWorkflowSettings.defaults().stepRetryBudget()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> new OrderWorkflowSettings(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
