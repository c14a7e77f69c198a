package org.ordersystem.api.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
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
import java.util.regex.Pattern;

/**
 * A text field of a request body: not blank, at most {@link #max} characters (code points, as JSON
 * Schema counts them), no control characters, and, if {@link #pattern} is set, matching it as a
 * whole. One error per field, the first rule broken, so the client reads one thing to fix. A null
 * value is valid: say {@code @NotNull} when the field is required.
 *
 * <p>The OpenAPI document takes minLength, maxLength and pattern from here ({@code OpenApiConfig}),
 * so the contract and the check cannot drift apart.
 */
@Documented
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Constraint(validatedBy = Text.Validator.class)
public @interface Text {

  /** The most characters allowed. */
  int max();

  /** A regular expression the whole value must match; empty for none. */
  String pattern() default "";

  /** The error when {@link #pattern} does not match. */
  String hint() default "has an invalid format";

  String message() default "is invalid";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks a {@link Text} field. */
  class Validator implements ConstraintValidator<Text, String> {

    private int max;
    private Pattern pattern;
    private String hint;

    @Override
    public void initialize(Text text) {
      max = text.max();
      pattern = text.pattern().isEmpty() ? null : Pattern.compile(text.pattern());
      hint = text.hint();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String error = error(value);
      if (error == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(error).addConstraintViolation();
      return false;
    }

    private String error(String value) {
      if (value == null) {
        return null;
      }
      if (value.isBlank()) {
        return "must not be blank";
      }
      if (value.codePointCount(0, value.length()) > max) {
        return "must be at most " + max + " characters";
      }
      if (value.codePoints().anyMatch(Character::isISOControl)) {
        return "must not contain control characters";
      }
      if (pattern != null && !pattern.matcher(value).matches()) {
        return hint;
      }
      return null;
    }
  }
}
