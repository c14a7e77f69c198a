package org.ordersystem.api.web;

/** The shape of a sku, the same in an order's lines and a refund's. */
public final class Skus {

  public static final int MAX_LENGTH = 64;
  public static final String PATTERN = "[A-Za-z0-9._-]+";
  public static final String HINT = "may only contain letters, digits and . _ -";

  private Skus() {}
}
