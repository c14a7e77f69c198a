package org.ordersystem.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The known API keys and who they belong to. */
@Component
public class ApiKeyRegistry {

  /** Keys shorter than this are refused at startup: they could be guessed. */
  static final int MIN_KEY_LENGTH = 8;

  private record Entry(byte[] digest, Caller caller) {}

  private final List<Entry> entries;

  public ApiKeyRegistry(AuthProperties properties) {
    List<AuthProperties.Key> keys = new ArrayList<>();
    if (notBlank(properties.demoShopKey())) {
      keys.add(
          new AuthProperties.Key(properties.demoShopKey(), Role.SHOP, properties.demoShopId()));
    }
    if (notBlank(properties.demoOperatorKey())) {
      keys.add(new AuthProperties.Key(properties.demoOperatorKey(), Role.OPERATOR, null));
    }
    keys.addAll(properties.keys());
    List<Entry> built = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AuthProperties.Key key : keys) {
      built.add(new Entry(digest(validate(key, seen)), caller(key)));
    }
    this.entries = List.copyOf(built);
  }

  /**
   * The caller a presented key belongs to. Every known key is compared, each in constant time over
   * fixed-length digests, so the answer time tells nothing about how much of a key was right.
   */
  public Optional<Caller> find(String presentedKey) {
    byte[] presented = digest(presentedKey);
    Caller match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        match = entry.caller();
      }
    }
    return Optional.ofNullable(match);
  }

  private static String validate(AuthProperties.Key key, Set<String> seen) {
    if (key.key() == null || key.key().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "orders.auth: API keys need at least " + MIN_KEY_LENGTH + " characters");
    }
    if (key.role() == null) {
      throw new IllegalArgumentException("orders.auth: every key needs a role (SHOP|OPERATOR)");
    }
    if (key.role() == Role.SHOP && !notBlank(key.shopId())) {
      throw new IllegalArgumentException("orders.auth: a SHOP key needs a shop-id");
    }
    if (!seen.add(key.key())) {
      throw new IllegalArgumentException("orders.auth: the same key is configured twice");
    }
    return key.key();
  }

  private static Caller caller(AuthProperties.Key key) {
    return key.role() == Role.OPERATOR ? Caller.operator() : Caller.shop(key.shopId());
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
