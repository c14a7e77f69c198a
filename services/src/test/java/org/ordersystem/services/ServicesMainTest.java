package org.ordersystem.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesMainTest {

  private static final Map<String, String> URLS =
      Map.of(
          "ORDERS_STOCK_DB_URL", "jdbc:mysql://db/stock",
          "ORDERS_SHIPPING_DB_URL", "jdbc:mysql://db/shipping",
          "ORDERS_PAYMENT_DB_URL", "jdbc:mysql://db/payment",
          "ORDERS_PSP_DB_URL", "jdbc:mysql://db/psp");

  @Test
  void shouldApplyDefaultsToWhatIsNotSet() {
    assertThat(ServicesMain.fromEnvironment(URLS))
        .isEqualTo(
            new ServicesConfig(
                "jdbc:mysql://db/stock",
                "jdbc:mysql://db/shipping",
                "jdbc:mysql://db/payment",
                "root",
                "",
                50051,
                50052,
                50053,
                false,
                50054,
                Duration.ofHours(24),
                "jdbc:mysql://db/psp",
                null));
  }

  @Test
  void shouldUseAProviderElsewhereWithoutItsDatabase() {
    Map<String, String> env = new HashMap<>(URLS);
    env.remove("ORDERS_PSP_DB_URL");
    env.put("ORDERS_PSP_TARGET", "psp.internal:7000");
    env.put("ORDERS_PSP_AUTH_TTL", "P7D");

    ServicesConfig config = ServicesMain.fromEnvironment(env);

    assertThat(config.runsPsp()).isFalse();
    assertThat(config.pspTarget()).isEqualTo("psp.internal:7000");
    assertThat(config.pspAuthorizationTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldReadPortsCredentialsAndSeeding() {
    Map<String, String> env = new HashMap<>(URLS);
    env.put("ORDERS_DB_USER", "orders");
    env.put("ORDERS_DB_PASSWORD", "secret");
    env.put("ORDERS_STOCK_PORT", "0");
    env.put("ORDERS_PAYMENT_PORT", "6000");
    env.put("ORDERS_SEED_DEMO_DATA", "TRUE");

    ServicesConfig config = ServicesMain.fromEnvironment(env);

    assertThat(config.dbUser()).isEqualTo("orders");
    assertThat(config.dbPassword()).isEqualTo("secret");
    assertThat(config.stockPort()).isZero();
    assertThat(config.shippingPort()).isEqualTo(50052);
    assertThat(config.paymentPort()).isEqualTo(6000);
    assertThat(config.seedDemoData()).isTrue();
  }

  @Test
  void shouldNameTheVariableThatIsMissingOrMalformed() {
    Map<String, String> noStock = new HashMap<>(URLS);
    noStock.remove("ORDERS_STOCK_DB_URL");
    Map<String, String> badPort = new HashMap<>(URLS);
    badPort.put("ORDERS_SHIPPING_PORT", "70000");
    Map<String, String> badFlag = new HashMap<>(URLS);
    badFlag.put("ORDERS_SEED_DEMO_DATA", "yes");
    Map<String, String> noPsp = new HashMap<>(URLS);
    noPsp.remove("ORDERS_PSP_DB_URL");
    Map<String, String> badTtl = new HashMap<>(URLS);
    badTtl.put("ORDERS_PSP_AUTH_TTL", "-PT1H");

    assertThatThrownBy(() -> ServicesMain.fromEnvironment(noStock))
        .hasMessageContaining("ORDERS_STOCK_DB_URL");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(badPort))
        .hasMessageContaining("ORDERS_SHIPPING_PORT");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(badFlag))
        .hasMessageContaining("ORDERS_SEED_DEMO_DATA");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(noPsp))
        .hasMessageContaining("ORDERS_PSP_DB_URL");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(badTtl))
        .hasMessageContaining("ORDERS_PSP_AUTH_TTL");
  }
}
