package org.ordersystem.api.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The {@code lines} of a body name each sku once. Duplicates are refused rather than merged: two
 * lines of one sku are more likely a client bug than intent, and merging would make what is stored
 * differ from what was sent. Each duplicate gets its own error at {@code lines[i].sku}.
 */
@Documented
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = DistinctSkus.Validator.class)
public @interface DistinctSkus {

  String message() default "names a sku twice";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A line of a body, by its sku. */
  interface Line {
    String sku();
  }

  /** Checks a {@link DistinctSkus} list. */
  class Validator implements ConstraintValidator<DistinctSkus, List<? extends Line>> {

    @Override
    public boolean isValid(List<? extends Line> lines, ConstraintValidatorContext context) {
      return Duplicates.refuse(
          lines,
          Line::sku,
          "sku",
          first -> "duplicate of lines[" + first + "].sku; put the whole quantity on one line",
          context);
    }
  }
}
