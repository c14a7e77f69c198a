package org.ordersystem.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.ordersystem.api.problems.FieldError;

/**
 * The {@code Idempotency-Key} header of the POSTs that create something: its rules, in one place.
 * It is checked beside the body, so one answer lists the header's error with the body's.
 */
public final class IdempotencyKeyHeader {

  public static final String NAME = "Idempotency-Key";

  /** For the OpenAPI document. */
  public static final String DESCRIPTION =
      "1 to 255 printable ASCII characters, unique per request; reuse it only to retry the same"
          + " request.";

  /**
   * Documents the header as required, with the shape {@link #check} accepts. The handler takes it
   * as optional so that a missing key is listed with the body's errors in one answer.
   */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(
      required = true,
      description = DESCRIPTION,
      schema =
          @Schema(
              type = "string",
              minLength = 1,
              maxLength = 255,
              pattern = "^[\\x20-\\x7E]+$",
              example = "order-2026-0001"))
  public @interface Documented {}

  private IdempotencyKeyHeader() {}

  /** The error of a missing or malformed key. */
  public static Optional<FieldError> check(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of(
          new FieldError(NAME, "is required: a unique key per request, reused only to retry it"));
    }
    if (key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
      return Optional.of(new FieldError(NAME, "must be 1 to 255 printable ASCII characters"));
    }
    return Optional.empty();
  }
}
