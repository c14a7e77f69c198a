package org.ordersystem.api.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.ShippingAddress;

/**
 * The SHA-256 of a validated order request in canonical form, stored with its Idempotency-Key: the
 * same request hashes the same however its JSON was laid out (field order, spacing, line order),
 * and any change in what was asked for changes the hash.
 */
final class RequestFingerprint {

  // A private mapper: the canonical form must not change with the web layer's JSON settings.
  private static final ObjectMapper CANONICAL = new ObjectMapper();

  private record Line(String sku, int quantity) {}

  private record Canonical(
      int version,
      String customerId,
      List<Line> lines,
      ShippingAddress shippingAddress,
      List<PaymentSource> sources) {}

  private RequestFingerprint() {}

  /** Hex SHA-256 of a draft that passed validation (no null parts). */
  static String of(OrderDraft draft) {
    // Line order carries no meaning (skus are unique), so it is normalized; source order is kept,
    // since it decides which leg is tried first.
    List<Line> lines =
        draft.lines().stream()
            .map(l -> new Line(l.sku(), l.quantity()))
            .sorted(Comparator.comparing(Line::sku))
            .toList();
    Canonical canonical =
        new Canonical(1, draft.customerId(), lines, draft.shippingAddress(), draft.sources());
    try {
      byte[] bytes = CANONICAL.writeValueAsBytes(canonical);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint an order request", e);
    }
  }
}
