package org.ordersystem.api.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ordersystem.api.web.JsonFields;
import org.ordersystem.api.web.Skus;
import org.ordersystem.workflows.model.RefundLine;

/**
 * Reads a POST /refunds body, checking shape, types and bounds and recording every error. Whether
 * the refund is possible (what is left to refund, which lines the order has) is the workflow's
 * call, made by its update validator.
 *
 * <p>Exactly one of {@code amount} and {@code lines}: a refund of both would leave it unclear
 * whether the amount is on top of the lines or their price. Duplicate skus are refused, as in an
 * order, rather than merged.
 */
final class RefundRequestParser {

  /** A refund as asked for: {@code amount} or {@code lines} is null. */
  record Draft(Long amount, List<RefundLine> lines, String reason) {}

  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1000;
  static final long MAX_AMOUNT = 1_000_000_000_000L;
  static final int MAX_REASON_LENGTH = 500;

  private static final Set<String> ROOT = Set.of("amount", "lines", "reason");
  private static final Set<String> LINE = Set.of("sku", "quantity");

  private RefundRequestParser() {}

  /** The draft, or null when anything is invalid; every error goes to {@code json}. */
  static Draft parse(JsonNode body, JsonFields json) {
    JsonNode root = json.object(body, "", true, ROOT);
    if (root == null) {
      return null;
    }
    boolean hasAmount = present(root.get("amount"));
    boolean hasLines = present(root.get("lines"));
    if (hasAmount && hasLines) {
      json.error("amount", "must not be given together with lines: refund an amount or lines");
    } else if (!hasAmount && !hasLines) {
      json.error("amount", "either amount or lines is required");
    }
    Long amount = json.integer(root, "amount", "amount", false, 1, MAX_AMOUNT);
    List<RefundLine> lines = hasLines ? lines(root, json) : null;
    String reason = json.string(root, "reason", "reason", true, MAX_REASON_LENGTH, null, null);
    if (!json.errors().isEmpty()) {
      return null;
    }
    return new Draft(amount, lines, reason);
  }

  private static List<RefundLine> lines(JsonNode root, JsonFields json) {
    JsonNode array = json.array(root, "lines", "lines", 1, MAX_LINES);
    if (array == null) {
      return null;
    }
    List<RefundLine> lines = new ArrayList<>();
    Map<String, Integer> firstLineOfSku = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String path = "lines[" + i + "]";
      JsonNode line = json.object(array.get(i), path, true, LINE);
      if (line == null) {
        continue;
      }
      String sku =
          json.string(line, "sku", path + ".sku", true, Skus.MAX_LENGTH, Skus.PATTERN, Skus.HINT);
      Long quantity = json.integer(line, "quantity", path + ".quantity", true, 1, MAX_QUANTITY);
      if (sku != null) {
        Integer first = firstLineOfSku.putIfAbsent(sku, i);
        if (first != null) {
          json.error(
              path + ".sku",
              "duplicate of lines[" + first + "].sku; put the whole quantity on one line");
        } else if (quantity != null) {
          lines.add(new RefundLine(sku, quantity.intValue()));
        }
      }
    }
    return lines;
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }
}
