package org.ordersystem.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.ordersystem.api.problems.FieldError;

/**
 * Reads a JSON tree field by field and collects every error instead of stopping at the first, so a
 * client learns everything wrong with its request in one answer. Getters return null for a field
 * that is missing or invalid (its error recorded).
 */
public final class JsonFields {

  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> errors() {
    return errors;
  }

  public boolean hasErrorsUnder(String pathPrefix) {
    return errors.stream().anyMatch(e -> e.field().startsWith(pathPrefix));
  }

  public void error(String path, String message) {
    errors.add(new FieldError(path, message));
  }

  /** The object at {@code path}, with fields outside {@code allowed} reported; null if absent. */
  public JsonNode object(JsonNode node, String path, boolean required, Set<String> allowed) {
    String where = path.isEmpty() ? "body" : path;
    if (isAbsent(node)) {
      if (required) {
        error(where, "is required");
      }
      return null;
    }
    if (!node.isObject()) {
      error(where, "must be a JSON object");
      return null;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(join(path, name), "is not a known field");
      }
    }
    return node;
  }

  /** The array at {@code path}, with its size bounded; null if absent or invalid. */
  public JsonNode array(JsonNode parent, String name, String path, int minSize, int maxSize) {
    JsonNode node = parent.get(name);
    if (isAbsent(node)) {
      error(path, "is required");
      return null;
    }
    if (!node.isArray()) {
      error(path, "must be an array");
      return null;
    }
    if (node.size() < minSize || node.size() > maxSize) {
      error(path, "must have between %d and %d items".formatted(minSize, maxSize));
      return null;
    }
    return node;
  }

  /**
   * A string without control characters, not blank, at most {@code maxLength} characters, and, if
   * {@code pattern} is set, matching it (explained by {@code patternHint}).
   */
  public String string(
      JsonNode parent,
      String name,
      String path,
      boolean required,
      int maxLength,
      String pattern,
      String patternHint) {
    JsonNode node = parent.get(name);
    if (isAbsent(node)) {
      if (required) {
        error(path, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      error(path, "must be a string");
      return null;
    }
    String value = node.textValue();
    if (value.isBlank()) {
      error(path, "must not be blank");
    } else if (value.codePointCount(0, value.length()) > maxLength) {
      error(path, "must be at most " + maxLength + " characters");
    } else if (value.codePoints().anyMatch(Character::isISOControl)) {
      error(path, "must not contain control characters");
    } else if (pattern != null && !value.matches(pattern)) {
      error(path, patternHint);
    } else {
      return value;
    }
    return null;
  }

  /** A whole number between {@code min} and {@code max}. */
  public Long integer(
      JsonNode parent, String name, String path, boolean required, long min, long max) {
    JsonNode node = parent.get(name);
    if (isAbsent(node)) {
      if (required) {
        error(path, "is required");
      }
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      error(path, node.isNumber() ? "must be a whole number" : "must be a number");
      return null;
    }
    long value = node.longValue();
    if (value < min || value > max) {
      error(path, "must be between %d and %d".formatted(min, max));
      return null;
    }
    return value;
  }

  /** A number between {@code min} and {@code max}. */
  public Double number(JsonNode parent, String name, String path, double min, double max) {
    JsonNode node = parent.get(name);
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isNumber()) {
      error(path, "must be a number");
      return null;
    }
    double value = node.doubleValue();
    if (!(value >= min && value <= max)) {
      error(path, "must be between " + min + " and " + max);
      return null;
    }
    return value;
  }

  /** A boolean; null if absent. */
  public Boolean bool(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isBoolean()) {
      error(path, "must be true or false");
      return null;
    }
    return node.booleanValue();
  }

  public static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  // JSON null and a missing field mean the same: not given.
  private static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }
}
