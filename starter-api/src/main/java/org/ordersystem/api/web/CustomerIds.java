package org.ordersystem.api.web;

import java.util.regex.Pattern;

/** The shape of a customer id, the same wherever the API takes one: body, filter or path. */
public final class CustomerIds {

  public static final int MAX_LENGTH = 64;
  public static final String PATTERN = "[A-Za-z0-9._:@-]+";
  public static final String HINT = "may only contain letters, digits and . _ : @ -";

  private static final Pattern VALID = Pattern.compile(PATTERN);

  private CustomerIds() {}

  /** Whether {@code id} is 1 to 64 characters of the allowed ones. */
  public static boolean isValid(String id) {
    return id != null && id.length() <= MAX_LENGTH && VALID.matcher(id).matches();
  }
}
