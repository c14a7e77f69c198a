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
    return requireId(field, value, MAX_ID_LENGTH);
  }

  /** Requires a non-blank id of printable characters, at most {@code maxLength} long. */
  public static String requireId(String field, String value, int maxLength) {
    if (value.isBlank()) {
      throw FailureReason.INVALID_REQUEST.exception(field + " is required");
    }
    if (value.length() > maxLength) {
      throw FailureReason.INVALID_REQUEST.exception(
          field + " is longer than " + maxLength + " characters");
    }
    if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
      throw FailureReason.INVALID_REQUEST.exception(
          field + " must not have surrounding spaces or control characters");
    }
    return value;
  }

  /** Requires an amount of at least 1. */
  public static long requireAmount(String field, long amount) {
    if (amount < 1) {
      throw FailureReason.INVALID_REQUEST.exception(field + " must be at least 1, got " + amount);
    }
    return amount;
  }
}
