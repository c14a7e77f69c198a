package org.ordersystem.api.web;

import java.util.regex.Pattern;

/** The shape of an order id in a path: anything else cannot be an order, so is not looked up. */
public final class OrderIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private OrderIds() {}

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
