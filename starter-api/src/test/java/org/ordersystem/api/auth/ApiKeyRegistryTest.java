package org.ordersystem.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyRegistryTest {

  @Test
  void shouldFindDemoAndExtraKeys() {
    ApiKeyRegistry registry =
        new ApiKeyRegistry(
            new AuthProperties(
                "shop-key-1",
                "shop-1",
                "operator-key-1",
                null,
                List.of(new AuthProperties.Key("shop-key-2", Role.SHOP, "shop-2", null))));

    assertThat(registry.find("shop-key-1")).contains(Caller.shop("shop-1"));
    assertThat(registry.find("operator-key-1")).contains(Caller.operator("demo-operator"));
    assertThat(registry.find("shop-key-2")).contains(Caller.shop("shop-2"));
    assertThat(registry.find("shop-key-")).isEmpty();
    assertThat(registry.find("")).isEmpty();
  }

  @Test
  void shouldNameOperatorsByTheirKeysConfiguration() {
    ApiKeyRegistry registry =
        new ApiKeyRegistry(
            new AuthProperties(
                null,
                null,
                "operator-key-1",
                "night-shift",
                List.of(
                    new AuthProperties.Key("shop-key-2", Role.SHOP, "shop-2", "ignored"),
                    new AuthProperties.Key("operator-key-2", Role.OPERATOR, null, "hanako@ops"),
                    new AuthProperties.Key("operator-key-3", Role.OPERATOR, null, " "))));

    assertThat(registry.find("operator-key-1")).contains(Caller.operator("night-shift"));
    assertThat(registry.find("shop-key-2")).contains(Caller.shop("shop-2"));
    assertThat(registry.find("operator-key-2")).contains(Caller.operator("hanako@ops"));
    assertThat(registry.find("operator-key-3")).contains(Caller.operator("operator-key-2"));
  }

  @Test
  void shouldDisableBlankDemoKeys() {
    ApiKeyRegistry registry = new ApiKeyRegistry(new AuthProperties("", "shop-1", " ", null, null));

    assertThat(registry.find("")).isEmpty();
    assertThat(registry.find(" ")).isEmpty();
  }

  @Test
  void shouldRefuseWeakOrInconsistentKeysAtStartup() {
    assertThatThrownBy(() -> new ApiKeyRegistry(new AuthProperties("short", "s", null, null, null)))
        .hasMessageContaining("at least");
    assertThatThrownBy(
            () -> new ApiKeyRegistry(new AuthProperties("shop-key-1", null, null, null, null)))
        .hasMessageContaining("shop-id");
    assertThatThrownBy(
            () ->
                new ApiKeyRegistry(new AuthProperties("same-key-1", "s", "same-key-1", null, null)))
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () ->
                new ApiKeyRegistry(
                    new AuthProperties(null, null, "operator-key-1", "two words", null)))
        .hasMessageContaining("name");
  }
}
