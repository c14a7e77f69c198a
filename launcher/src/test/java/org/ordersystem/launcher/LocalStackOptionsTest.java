package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.workers.RecoveryScheduler;
import org.ordersystem.workflows.recovery.RecoverySettings;

class LocalStackOptionsTest {

  @Test
  void shouldDefaultToTheRecoveryDefaults() {
    LocalStackOptions options = LocalStackOptions.fromEnv(Map.of());

    assertThat(options.stepRetryBudget()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.recovery()).isEqualTo(RecoverySettings.defaults());
    assertThat(options.recoveryScheduler()).isEqualTo(RecoveryScheduler.AUTO);
    assertThat(options.notifyWebhook()).isNull();
  }

  @Test
  void shouldRunTheDurableDevServerWithItsUiByDefault() {
    LocalStackOptions options = LocalStackOptions.fromEnv(Map.of());

    assertThat(options.temporalTarget()).isEqualTo("dev");
    assertThat(options.temporalPort()).isEqualTo(7233);
    assertThat(options.temporalUiPort()).isEqualTo(8233);
  }

  @Test
  void shouldPutTheUiBesideAnotherTemporalPortUnlessToldOtherwise() {
    assertThat(LocalStackOptions.fromEnv(Map.of("ORDERS_TEMPORAL_PORT", "17233")).temporalUiPort())
        .isEqualTo(18233);
    assertThat(
            LocalStackOptions.fromEnv(
                    Map.of("ORDERS_TEMPORAL_PORT", "17233", "ORDERS_TEMPORAL_UI_PORT", "9000"))
                .temporalUiPort())
        .isEqualTo(9000);
  }

  @Test
  void shouldReadTheRecoveryVariablesLikeTheWorkers() {
    LocalStackOptions options =
        LocalStackOptions.fromEnv(
            Map.of(
                "ORDERS_STEP_RETRY_BUDGET", "PT1M",
                "ORDERS_RECOVERY_SWEEP_INTERVAL", "PT30S",
                "ORDERS_RECOVERY_MAX_CONCURRENT", "8",
                "ORDERS_RECOVERY_SCHEDULER", "off",
                "ORDERS_NOTIFY_WEBHOOK_URL", "http://localhost:9000/hook"));

    assertThat(options.stepRetryBudget()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.recovery().sweepInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.recovery().maxConcurrentRecoveries()).isEqualTo(8);
    assertThat(options.recovery().batchSize()).isEqualTo(RecoverySettings.defaults().batchSize());
    assertThat(options.recoveryScheduler()).isEqualTo(RecoveryScheduler.OFF);
    assertThat(options.notifyWebhook()).isEqualTo(URI.create("http://localhost:9000/hook"));
  }

  @Test
  void shouldNameTheVariableWhoseValueIsBad() {
    assertThatThrownBy(
            () -> LocalStackOptions.fromEnv(Map.of("ORDERS_RECOVERY_BATCH_SIZE", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ORDERS_RECOVERY_BATCH_SIZE must be a whole number");
    assertThatThrownBy(() -> LocalStackOptions.fromEnv(Map.of("ORDERS_PSP_AUTH_TTL", "1 day")))
        .hasMessageStartingWith("ORDERS_PSP_AUTH_TTL must be an ISO-8601 duration");
  }
}
