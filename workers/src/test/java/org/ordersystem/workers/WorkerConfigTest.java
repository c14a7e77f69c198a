package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ordersystem.workflows.recovery.RecoverySettings;

class WorkerConfigTest {

  @Test
  void shouldUseTheDefaultsWhenNothingIsSet() {
    WorkerConfig config = WorkerConfig.fromEnv(Map.of());

    assertThat(config.stepRetryBudget()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.callDeadline()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.recovery()).isEqualTo(RecoverySettings.defaults());
    assertThat(config.recoveryScheduler()).isEqualTo(RecoveryScheduler.AUTO);
    assertThat(config.notifyWebhook()).isNull();
  }

  @Test
  void shouldReadEveryRecoveryVariable() {
    WorkerConfig config =
        WorkerConfig.fromEnv(
            Map.ofEntries(
                Map.entry("ORDERS_RECOVERY_STEP_BUDGET", "PT3S"),
                Map.entry("ORDERS_RECOVERY_SWEEP_INTERVAL", "PT10S"),
                Map.entry("ORDERS_RECOVERY_CREATING_STALE_AFTER", "PT2M"),
                Map.entry("ORDERS_RECOVERY_MAX_CONCURRENT", "2"),
                Map.entry("ORDERS_RECOVERY_MAX_RETRIES", "0"),
                Map.entry("ORDERS_RECOVERY_RETRY_BACKOFF", "PT1S"),
                Map.entry("ORDERS_RECOVERY_MAX_RETRY_BACKOFF", "PT30S"),
                Map.entry("ORDERS_RECOVERY_MAX_PENDING_AGE", "PT6H"),
                Map.entry("ORDERS_RECOVERY_BATCH_SIZE", "50"),
                Map.entry("ORDERS_RECOVERY_SCHEDULER", "Timer"),
                Map.entry("ORDERS_NOTIFY_WEBHOOK_URL", "https://hooks.example.com/orders?k=1")));

    assertThat(config.stepRetryBudget()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.recovery())
        .isEqualTo(
            new RecoverySettings(
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                2,
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofHours(6),
                50));
    assertThat(config.recoveryScheduler()).isEqualTo(RecoveryScheduler.TIMER);
    assertThat(config.notifyWebhook())
        .isEqualTo(URI.create("https://hooks.example.com/orders?k=1"));
  }

  @Test
  void shouldFallBackToTheOldStepBudgetVariableOnlyWhenTheNewOneIsUnset() {
    assertThat(WorkerConfig.fromEnv(Map.of("ORDERS_STEP_RETRY_BUDGET", "PT2M")).stepRetryBudget())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(
            WorkerConfig.fromEnv(
                    Map.of(
                        "ORDERS_STEP_RETRY_BUDGET", "PT2M", "ORDERS_RECOVERY_STEP_BUDGET", "PT7S"))
                .stepRetryBudget())
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void shouldTreatABlankValueAsUnset() {
    WorkerConfig config =
        WorkerConfig.fromEnv(
            Map.of("ORDERS_NOTIFY_WEBHOOK_URL", " ", "ORDERS_RECOVERY_SCHEDULER", ""));

    assertThat(config.notifyWebhook()).isNull();
    assertThat(config.recoveryScheduler()).isEqualTo(RecoveryScheduler.AUTO);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ORDERS_RECOVERY_STEP_BUDGET | 5 minutes | ISO-8601 duration",
        "ORDERS_STEP_RETRY_BUDGET | PT0S | positive duration",
        "ORDERS_RECOVERY_SWEEP_INTERVAL | -PT5M | positive duration",
        "ORDERS_RECOVERY_CREATING_STALE_AFTER | 30m | ISO-8601 duration",
        "ORDERS_RECOVERY_MAX_CONCURRENT | 0 | at least 1",
        "ORDERS_RECOVERY_MAX_CONCURRENT | four | whole number",
        "ORDERS_RECOVERY_MAX_RETRIES | -1 | at least 0",
        "ORDERS_RECOVERY_RETRY_BACKOFF | 1 | ISO-8601 duration",
        "ORDERS_RECOVERY_MAX_RETRY_BACKOFF | PT | ISO-8601 duration",
        "ORDERS_RECOVERY_MAX_PENDING_AGE | P-1D | positive duration",
        "ORDERS_RECOVERY_BATCH_SIZE | 1e3 | whole number",
        "ORDERS_RECOVERY_SCHEDULER | cron | auto, schedule, timer, off",
        "ORDERS_NOTIFY_WEBHOOK_URL | hooks.example.com/orders | http(s) URL",
        "ORDERS_NOTIFY_WEBHOOK_URL | ftp://hooks.example.com/x | http(s) URL",
        "ORDERS_NOTIFY_WEBHOOK_URL | http://bad host/ | http(s) URL",
        "ORDERS_CALL_DEADLINE | soon | ISO-8601 duration",
      })
  void shouldNameTheVariableWhoseValueIsBad(String variable, String value, String expected) {
    assertThatThrownBy(() -> WorkerConfig.fromEnv(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(variable + " must be ")
        .hasMessageContaining(expected)
        .hasMessageContaining("'" + value + "'");
  }
}
