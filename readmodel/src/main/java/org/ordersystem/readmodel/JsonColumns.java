package org.ordersystem.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Lists of records kept as JSON text columns: read whole, never queried inside. */
final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonColumns() {}

  static String write(List<?> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize " + values, e);
    }
  }

  static <T> List<T> read(String json, TypeReference<List<T>> type) {
    try {
      return List.copyOf(JSON.readValue(json, type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable column: " + json, e);
    }
  }
}
