package org.ordersystem.api.web;

/**
 * The {@code Idempotency-Key} header of the POSTs that create something: its rules, in one place.
 */
public final class IdempotencyKeyHeader {

  public static final String NAME = "Idempotency-Key";

  /** For the OpenAPI document. */
  public static final String DESCRIPTION =
      "1 to 255 printable ASCII characters, unique per request; reuse it only to retry the same"
          + " request.";

  private IdempotencyKeyHeader() {}

  /** Records an error on {@code json} when the key is missing or malformed. */
  public static void check(String key, JsonFields json) {
    if (key == null || key.isEmpty()) {
      json.error(NAME, "is required: a unique key per request, reused only to retry it");
    } else if (key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
      json.error(NAME, "must be 1 to 255 printable ASCII characters");
    }
  }
}
