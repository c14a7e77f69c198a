package org.ordersystem.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** orders.recovery.* and orders.api.recovery.* as Spring binds them. */
class RecoveryPropertiesTest {

  @Test
  void shouldTakeTheWorkflowsDefaultsForEveryKeyLeftUnset() {
    assertThat(bind(Map.of()).settings()).isEqualTo(RecoverySettings.defaults());
  }

  @Test
  void shouldBindEveryKey() {
    RecoverySettings settings =
        bind(Map.of(
                "orders.recovery.sweep-interval", "PT1M",
                "orders.recovery.creating-stale-after", "PT10M",
                "orders.recovery.max-concurrent", "2",
                "orders.recovery.max-retries", "0",
                "orders.recovery.retry-backoff", "PT5S",
                "orders.recovery.max-retry-backoff", "PT1M",
                "orders.recovery.max-pending-age", "PT2H",
                "orders.recovery.batch-size", "10"))
            .settings();

    assertThat(settings)
        .isEqualTo(
            new RecoverySettings(
                Duration.ofMinutes(1),
                Duration.ofMinutes(10),
                2,
                0,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                Duration.ofHours(2),
                10));
  }

  @Test
  void shouldNameTheBadValue() {
    RecoveryProperties properties = bind(Map.of("orders.recovery.max-concurrent", "0"));

    assertThatThrownBy(properties::settings)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders.recovery")
        .hasMessageContaining("maxConcurrentRecoveries");
  }

  @Test
  void shouldWaitFiveSecondsForAnActionAndThirtyForASweepByDefault() {
    RecoveryWaits defaults =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("orders.api.recovery", RecoveryWaits.class);

    assertThat(defaults)
        .isEqualTo(new RecoveryWaits(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    assertThatThrownBy(() -> new RecoveryWaits(Duration.ZERO, null))
        .hasMessageContaining("action-wait");
  }

  private static RecoveryProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("orders.recovery", RecoveryProperties.class);
  }
}
