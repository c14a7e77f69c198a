package org.ordersystem.api.refunds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ordersystem.api.auth.Caller;

/**
 * Refund ids: name-based UUIDs (version 5, SHA-1) of the order, the caller's scope and the
 * request's Idempotency-Key. A retried request names the same refund without anything stored by the
 * API, so the workflow can answer it with the first result; the scope keeps a shop's keys and the
 * operators' apart.
 */
final class RefundIds {

  /** This API's namespace for refund ids (a random UUID, fixed forever). */
  private static final UUID NAMESPACE = UUID.fromString("4c1d0f5e-8a8f-4e61-9a43-5f0c2b7e9d21");

  private static final Pattern SHAPE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private RefundIds() {}

  static String of(String orderId, Caller caller, String idempotencyKey) {
    String scope = caller.isOperator() ? "operator" : "shop:" + caller.shopId();
    return nameBased(NAMESPACE, orderId, scope, idempotencyKey).toString();
  }

  /** Whether {@code id} could be a refund id; anything else is not looked up. */
  static boolean isWellFormed(String id) {
    return id != null && SHAPE.matcher(id).matches();
  }

  /** RFC 9562 version 5; the parts are length-prefixed, so no two lists of parts share a name. */
  static UUID nameBased(UUID namespace, String... parts) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha1.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      sha1.update(bytes);
    }
    ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
    long msb = (hash.getLong() & ~0xF000L) | 0x5000L; // version 5
    long lsb = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant
    return new UUID(msb, lsb);
  }
}
