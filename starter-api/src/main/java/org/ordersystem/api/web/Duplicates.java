package org.ordersystem.api.web;

import jakarta.validation.ConstraintValidatorContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Refuses a list in which two items share a key, for the validators of "each once" rules: every
 * later item is an error of its own at {@code property} of its index, naming the first one.
 */
public final class Duplicates {

  private Duplicates() {}

  /**
   * Whether no two items share a key; items or keys that are null are left to other checks.
   *
   * @param message the error's text, given the index of the first item with the same key
   */
  public static <T, K> boolean refuse(
      List<? extends T> items,
      Function<T, K> key,
      String property,
      IntFunction<String> message,
      ConstraintValidatorContext context) {
    if (items == null) {
      return true;
    }
    boolean valid = true;
    Map<K, Integer> firstOfKey = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      K itemKey = item == null ? null : key.apply(item);
      if (itemKey == null) {
        continue;
      }
      Integer first = firstOfKey.putIfAbsent(itemKey, i);
      if (first != null) {
        if (valid) {
          context.disableDefaultConstraintViolation();
          valid = false;
        }
        context
            .buildConstraintViolationWithTemplate(message.apply(first))
            .addPropertyNode(property)
            .inIterable()
            .atIndex(i)
            .addConstraintViolation();
      }
    }
    return valid;
  }
}
