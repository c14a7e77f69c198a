package org.ordersystem.workers;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads typed values from environment variables. A bad value stops the process at startup with a
 * message naming the variable and what it should look like, instead of a parse error from deep in
 * the JDK or a surprising default.
 */
public final class EnvValues {

  private EnvValues() {}

  /** The variable's value, or null when it is unset or blank. */
  public static String text(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** A positive ISO-8601 duration such as {@code PT5M}; {@code fallback} when unset. */
  public static Duration positiveDuration(Map<String, String> env, String name, Duration fallback) {
    String value = text(env, name);
    if (value == null) {
      return fallback;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, value, "an ISO-8601 duration such as PT30S, PT5M or PT1H", e);
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw invalid(name, value, "a positive duration", null);
    }
    return parsed;
  }

  /** A whole number of at least {@code min}; {@code fallback} when unset. */
  public static int integer(Map<String, String> env, String name, int fallback, int min) {
    String value = text(env, name);
    if (value == null) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "a whole number", e);
    }
    if (parsed < min) {
      throw invalid(name, value, "a whole number of at least " + min, null);
    }
    return parsed;
  }

  /** An absolute http or https URL; null when unset. */
  public static URI httpUrl(Map<String, String> env, String name) {
    String value = text(env, name);
    if (value == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(name, value, "an http(s) URL such as https://hooks.example.com/orders", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw invalid(name, value, "an http(s) URL such as https://hooks.example.com/orders", null);
    }
    return uri;
  }

  static IllegalArgumentException invalid(
      String name, String value, String expected, Exception cause) {
    return new IllegalArgumentException(
        name + " must be " + expected + ", not '" + value + "'", cause);
  }
}
