package org.ordersystem.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys ({@code orders.auth.*}): the demo shop and operator keys the local stack seeds, plus any
 * number of extra keys. A blank demo key is disabled.
 */
@ConfigurationProperties("orders.auth")
public record AuthProperties(
    String demoShopKey, String demoShopId, String demoOperatorKey, List<Key> keys) {

  /**
   * One extra key.
   *
   * @param shopId required for SHOP keys, ignored for OPERATOR keys
   */
  public record Key(String key, Role role, String shopId) {}

  public AuthProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
