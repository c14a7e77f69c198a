package org.ordersystem.api.auth;

/** What an API key may do. */
public enum Role {
  /** A shop: places orders and sees its own. */
  SHOP,
  /** An operator: sees every order, the customers' accounts, and the dev fault control. */
  OPERATOR
}
