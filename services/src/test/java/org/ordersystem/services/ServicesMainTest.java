package org.ordersystem.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicesMainTest {

  private static final Map<String, String> URLS =
      Map.of(
          "ORDERS_STOCK_DB_URL", "jdbc:mysql://db/stock",
          "ORDERS_SHIPPING_DB_URL", "jdbc:mysql://db/shipping",
          "ORDERS_PAYMENT_DB_URL", "jdbc:mysql://db/payment");

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
                false));
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

    assertThatThrownBy(() -> ServicesMain.fromEnvironment(noStock))
        .hasMessageContaining("ORDERS_STOCK_DB_URL");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(badPort))
        .hasMessageContaining("ORDERS_SHIPPING_PORT");
    assertThatThrownBy(() -> ServicesMain.fromEnvironment(badFlag))
        .hasMessageContaining("ORDERS_SEED_DEMO_DATA");
  }
}
