package org.ordersystem.services.common;

/** Checks shared by every request; failures are INVALID_ARGUMENT with {@code INVALID_REQUEST}. */
public final class Requests {

  /** Longest id or key accepted; the columns holding them are sized to match. */
  public static final int MAX_ID_LENGTH = 128;

  private Requests() {}

  /** Requires a usable idempotency key. */
  public static String requireKey(String key) {
    return requireId("idempotency_key", key);
  }

  /** Requires a non-blank id of printable characters, at most {@link #MAX_ID_LENGTH} long. */
  public static String requireId(String field, String value) {
    if (value.isBlank()) {
      throw FailureReason.INVALID_REQUEST.exception(field + " is required");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw FailureReason.INVALID_REQUEST.exception(
          field + " is longer than " + MAX_ID_LENGTH + " characters");
    }
    if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
      throw FailureReason.INVALID_REQUEST.exception(
          field + " must not have surrounding spaces or control characters");
    }
    return value;
  }
}
