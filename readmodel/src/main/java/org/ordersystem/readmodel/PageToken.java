package org.ordersystem.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Keyset position of a page: the last order's creation time and id. Opaque to clients, so the
 * listing stays stable while new orders arrive (no offset drift).
 */
record PageToken(Instant createdAt, String orderId) {

  String encode() {
    String raw = createdAt.toEpochMilli() + ":" + orderId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a token; throws IllegalArgumentException for anything this class did not write. */
  static PageToken decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      if (colon <= 0 || colon == raw.length() - 1) {
        throw new IllegalArgumentException("invalid page token");
      }
      return new PageToken(
          Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
    } catch (IllegalArgumentException e) { // also covers NumberFormatException
      throw new IllegalArgumentException("invalid page token", e);
    }
  }
}
