package org.ordersystem.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys ({@code orders.auth.*}): the demo shop and operator keys the local stack seeds, plus any
 * number of extra keys. A blank demo key is disabled.
 *
 * @param demoOperatorName who holds the demo operator key, as recorded with what it decides; {@code
 *     demo-operator} when blank
 */
@ConfigurationProperties("orders.auth")
public record AuthProperties(
    String demoShopKey,
    String demoShopId,
    String demoOperatorKey,
    String demoOperatorName,
    List<Key> keys) {

  /**
   * One extra key.
   *
   * @param shopId required for SHOP keys, ignored for OPERATOR keys
   * @param name who holds an OPERATOR key (a person or a team), recorded with what it decides; when
   *     blank, {@code operator-key-<i>} after the key's index in {@code orders.auth.keys}. Ignored
   *     for SHOP keys, which are named after their shop.
   */
  public record Key(String key, Role role, String shopId, String name) {}

  public AuthProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
