package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;

class ReconciliationConfigTest {

  private static final String ORDERS = "jdbc:mysql://db:3306/orders?sslMode=DISABLED";

  @Test
  void shouldDefaultToTheReconciliationDatabaseBesideTheOrdersOne() {
    ReconciliationConfig config = ReconciliationConfig.fromEnv(Map.of(), ORDERS);

    assertThat(config.enabled()).isTrue();
    assertThat(config.pspTarget()).isEqualTo("localhost:50054");
    assertThat(config.dbUrl())
        .isEqualTo(
            "jdbc:mysql://db:3306/reconciliation?sslMode=DISABLED&createDatabaseIfNotExist=true");
    assertThat(config.settings()).isEqualTo(ReconciliationSettings.defaults());
  }

  @Test
  void shouldReadEveryVariable() {
    ReconciliationConfig config =
        ReconciliationConfig.fromEnv(
            Map.of(
                "ORDERS_RECON_ENABLED", "false",
                "ORDERS_PSP_TARGET", "psp:1",
                "ORDERS_RECON_DB_URL", "jdbc:mysql://other/recon",
                "ORDERS_RECON_INTERVAL", "PT1M",
                "ORDERS_RECON_WINDOW", "P1D",
                "ORDERS_RECON_GRACE", "PT30S"),
            ORDERS);

    assertThat(config.enabled()).isFalse();
    assertThat(config.pspTarget()).isEqualTo("psp:1");
    assertThat(config.dbUrl()).isEqualTo("jdbc:mysql://other/recon");
    assertThat(config.settings().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.settings().window()).isEqualTo(Duration.ofDays(1));
    assertThat(config.settings().grace()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldRefuseAnIntervalThatIsNotPositive() {
    assertThatThrownBy(
            () -> ReconciliationConfig.fromEnv(Map.of("ORDERS_RECON_INTERVAL", "PT0S"), ORDERS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval");
  }
}
