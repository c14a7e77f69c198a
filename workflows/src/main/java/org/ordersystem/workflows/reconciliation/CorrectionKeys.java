package org.ordersystem.workflows.reconciliation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency keys of reconciliation's corrections: {@code reconcile:<action>:<subject>}, the
 * subject being the leg's reference (an action that happens once per leg) or the mismatch (a refund
 * of what one finding showed), digested when longer than the services accept.
 */
public final class CorrectionKeys {

  /** Longest key the services accept. */
  static final int MAX_LENGTH = 128;

  private CorrectionKeys() {}

  public static String of(String action, String subject) {
    String key = "reconcile:" + action + ":" + subject;
    if (key.length() <= MAX_LENGTH) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
      return "reconcile:" + action + ":sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
