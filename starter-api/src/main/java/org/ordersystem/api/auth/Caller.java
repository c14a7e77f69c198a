package org.ordersystem.api.auth;

/**
 * Who sent a request, from its API key.
 *
 * @param shopId the shop of a SHOP key; null for operators
 */
public record Caller(Role role, String shopId) {

  public static Caller shop(String shopId) {
    return new Caller(Role.SHOP, shopId);
  }

  public static Caller operator() {
    return new Caller(Role.OPERATOR, null);
  }

  public boolean isOperator() {
    return role == Role.OPERATOR;
  }

  /** Whether this caller may see something that belongs to {@code ownerShopId}. */
  public boolean canSee(String ownerShopId) {
    return isOperator() || shopId.equals(ownerShopId);
  }
}
