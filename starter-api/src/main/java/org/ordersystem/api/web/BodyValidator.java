package org.ordersystem.api.web;

import jakarta.validation.Validator;
import java.util.List;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.problems.FieldErrors;
import org.springframework.stereotype.Component;

/**
 * Validates a request body record where its errors must be listed with others found beside it (the
 * Idempotency-Key header, the catalog), so one answer names every error: the same constraints and
 * the same field paths as a {@code @Valid} body answered by the problem handler.
 */
@Component
public class BodyValidator {

  private final Validator validator;

  public BodyValidator(Validator validator) {
    this.validator = validator;
  }

  /** Every field error of {@code body}; none when it is valid. */
  public List<FieldError> errors(Object body) {
    return FieldErrors.of(validator.validate(body));
  }
}
