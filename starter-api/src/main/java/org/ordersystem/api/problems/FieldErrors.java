package org.ordersystem.api.problems;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.validation.BindingResult;

/**
 * Field errors of a request, from wherever they were found: Bean Validation of a body record, or
 * Jackson refusing a value while reading it. Paths read like the JSON they point into ({@code
 * lines[2].quantity}); an error of the body as a whole is at {@code body}.
 */
public final class FieldErrors {

  static final String BODY = "body";

  private FieldErrors() {}

  /** Every violation, in path order so an answer does not change from one call to the next. */
  public static List<FieldError> of(Collection<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(v -> new FieldError(path(v.getPropertyPath()), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .toList();
  }

  /** Every error Spring's validation of a {@code @Valid} body found. */
  static List<FieldError> of(BindingResult result) {
    return result.getAllErrors().stream()
        .map(
            e ->
                new FieldError(
                    e instanceof org.springframework.validation.FieldError f
                            && !f.getField().isEmpty()
                        ? f.getField()
                        : BODY,
                    e.getDefaultMessage()))
        .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
        .toList();
  }

  /** {@code lines[1].sku} from a Bean Validation path; container elements add their index only. */
  static String path(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : path) {
      if (node.isInIterable()) {
        out.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
        out.append(']');
      }
      if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(node.getName());
      }
    }
    return out.isEmpty() ? BODY : out.toString();
  }

  /** The field a value was refused at while reading the body, and why, in the API's words. */
  static FieldError of(JsonMappingException e) {
    String field = path(e.getPath());
    if (e instanceof UnrecognizedPropertyException) {
      return new FieldError(field, "is not a known field");
    }
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    return new FieldError(field, expected(target));
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        out.append('[').append(reference.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? BODY : out.toString();
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "has an invalid value";
    }
    if (target.isEnum()) {
      return "must be one of "
          + Arrays.stream(target.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (target == String.class) {
      return "must be a string";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "must be true or false";
    }
    if (target == Integer.class
        || target == int.class
        || target == Long.class
        || target == long.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "must be a number";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "must be an array";
    }
    return "must be a JSON object";
  }
}
