package org.ordersystem.api.auth;

/**
 * Who sent a request, from its API key.
 *
 * @param shopId the shop of a SHOP key; null for operators
 * @param name who holds the key, recorded with what they decide (a PENDING order's retry or
 *     rollback, a sweep they started): the shop id for a shop key, the key's configured name for an
 *     operator key
 */
public record Caller(Role role, String shopId, String name) {

  public static Caller shop(String shopId) {
    return new Caller(Role.SHOP, shopId, shopId);
  }

  public static Caller operator(String name) {
    return new Caller(Role.OPERATOR, null, name);
  }

  public boolean isOperator() {
    return role == Role.OPERATOR;
  }

  /** Whether this caller may see something that belongs to {@code ownerShopId}. */
  public boolean canSee(String ownerShopId) {
    return isOperator() || shopId.equals(ownerShopId);
  }
}
