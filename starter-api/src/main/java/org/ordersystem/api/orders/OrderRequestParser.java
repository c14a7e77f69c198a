package org.ordersystem.api.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ordersystem.api.web.CustomerIds;
import org.ordersystem.api.web.JsonFields;
import org.ordersystem.api.web.Skus;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;

/**
 * Reads a POST /orders body, checking shape, types and bounds of every field and recording every
 * error (the catalog checks come after, in {@link OrderPlacement}).
 *
 * <p>Duplicate skus are refused rather than merged: two lines of one sku are more likely a client
 * bug than intent, and merging would make the stored order differ from what was sent.
 *
 * <p>Payment sources: BALANCE, POINTS and CARD in any combination, each type at most once, in the
 * order the legs are tried. One leg per type keeps one reservation per account and one card
 * authorization per order, so a leg's state says all there is about its source; splitting a source
 * in two buys nothing. A CARD source needs its PSP {@code cardToken}; other sources must not carry
 * one, so a token can never be sent where it would be ignored.
 */
final class OrderRequestParser {

  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1000;

  /** One source per type: BALANCE, POINTS, CARD. */
  static final int MAX_SOURCES = 3;

  static final int MAX_CARD_TOKEN_LENGTH = 64;

  /** One trillion yen: far above any real order, low enough that sums cannot overflow. */
  static final long MAX_AMOUNT = 1_000_000_000_000L;

  static final String SKU_PATTERN = Skus.PATTERN;
  static final String SKU_HINT = Skus.HINT;

  private static final Set<String> ROOT =
      Set.of("customerId", "lines", "shippingAddress", "payment");
  private static final Set<String> LINE = Set.of("sku", "quantity");
  private static final Set<String> ADDRESS =
      Set.of("name", "postalCode", "region", "line1", "line2", "country");
  private static final Set<String> PAYMENT = Set.of("sources");
  private static final Set<String> SOURCE = Set.of("type", "amount", "cardToken");

  private OrderRequestParser() {}

  /** The draft, or null when the body is not a JSON object; errors go to {@code json}. */
  static OrderDraft parse(JsonNode body, JsonFields json) {
    JsonNode root = json.object(body, "", true, ROOT);
    if (root == null) {
      return null;
    }
    String customerId =
        json.string(
            root,
            "customerId",
            "customerId",
            true,
            CustomerIds.MAX_LENGTH,
            CustomerIds.PATTERN,
            CustomerIds.HINT);
    return new OrderDraft(customerId, lines(root, json), address(root, json), sources(root, json));
  }

  private static List<OrderDraft.Line> lines(JsonNode root, JsonFields json) {
    JsonNode array = json.array(root, "lines", "lines", 1, MAX_LINES);
    if (array == null) {
      return List.of();
    }
    List<OrderDraft.Line> lines = new ArrayList<>();
    Map<String, Integer> firstLineOfSku = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "lines[" + i + "]";
      JsonNode line = json.object(array.get(i), path, true, LINE);
      if (line == null) {
        lines.add(new OrderDraft.Line(null, null));
        continue;
      }
      String sku =
          json.string(line, "sku", path + ".sku", true, Skus.MAX_LENGTH, SKU_PATTERN, SKU_HINT);
      Long quantity = json.integer(line, "quantity", path + ".quantity", true, 1, MAX_QUANTITY);
      if (sku != null) {
        Integer first = firstLineOfSku.putIfAbsent(sku, i);
        if (first != null) {
          json.error(
              path + ".sku",
              "duplicate of lines[" + first + "].sku; put the whole quantity on one line");
          sku = null;
        }
      }
      lines.add(new OrderDraft.Line(sku, quantity == null ? null : quantity.intValue()));
    }
    return lines;
  }

  private static ShippingAddress address(JsonNode root, JsonFields json) {
    String p = "shippingAddress";
    JsonNode a = json.object(root.get(p), p, true, ADDRESS);
    if (a == null) {
      return null;
    }
    return new ShippingAddress(
        json.string(a, "name", p + ".name", true, 100, null, null),
        json.string(a, "postalCode", p + ".postalCode", true, 16, null, null),
        json.string(a, "region", p + ".region", true, 64, null, null),
        json.string(a, "line1", p + ".line1", true, 200, null, null),
        json.string(a, "line2", p + ".line2", false, 200, null, null),
        json.string(
            a,
            "country",
            p + ".country",
            true,
            2,
            "[A-Z]{2}",
            "must be an ISO 3166-1 alpha-2 code in capitals, such as JP"));
  }

  private static List<PaymentSource> sources(JsonNode root, JsonFields json) {
    JsonNode payment = json.object(root.get("payment"), "payment", true, PAYMENT);
    if (payment == null) {
      return List.of();
    }
    JsonNode array = json.array(payment, "sources", "payment.sources", 1, MAX_SOURCES);
    if (array == null) {
      return List.of();
    }
    List<PaymentSource> sources = new ArrayList<>();
    Map<SourceType, Integer> firstSourceOfType = new EnumMap<>(SourceType.class);
    for (int i = 0; i < array.size(); i++) {
      String path = "payment.sources[" + i + "]";
      JsonNode source = json.object(array.get(i), path, true, SOURCE);
      if (source == null) {
        sources.add(null);
        continue;
      }
      SourceType type = sourceType(source, path + ".type", json);
      Long amount = json.integer(source, "amount", path + ".amount", true, 1, MAX_AMOUNT);
      String cardToken = cardToken(source, type, path + ".cardToken", json);
      if (type != null) {
        Integer first = firstSourceOfType.putIfAbsent(type, i);
        if (first != null) {
          json.error(
              path + ".type",
              "duplicate of payment.sources[" + first + "].type; pay each source type once");
          type = null;
        }
      }
      sources.add(
          type == null || amount == null ? null : new PaymentSource(type, amount, cardToken));
    }
    return sources;
  }

  private static SourceType sourceType(JsonNode source, String path, JsonFields json) {
    String type = json.string(source, "type", path, true, 16, null, null);
    if (type == null) {
      return null;
    }
    for (SourceType t : SourceType.values()) {
      if (t.name().equals(type)) {
        return t;
      }
    }
    json.error(path, "must be one of BALANCE, POINTS, CARD");
    return null;
  }

  /** The token of a CARD source; null for other types, and unchecked when the type is invalid. */
  private static String cardToken(JsonNode source, SourceType type, String path, JsonFields json) {
    if (type == null) {
      return null; // the type's error says what to fix first; the token's rule depends on it
    }
    if (type != SourceType.CARD) {
      if (source.hasNonNull("cardToken")) {
        json.error(path, "is only allowed for CARD sources");
      }
      return null;
    }
    return json.string(
        source,
        "cardToken",
        path,
        true,
        MAX_CARD_TOKEN_LENGTH,
        "[\\x21-\\x7E]+",
        "must be printable ASCII without spaces");
  }
}
