package org.ordersystem.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The known API keys and who they belong to. */
@Component
public class ApiKeyRegistry {

  /** Keys shorter than this are refused at startup: they could be guessed. */
  static final int MIN_KEY_LENGTH = 8;

  /** The demo operator key's name when none is configured. */
  static final String DEMO_OPERATOR_NAME = "demo-operator";

  /**
   * What an operator key's name may be: it ends up in workflow inputs and logs, so nothing that
   * could be mistaken for something else there.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private record Entry(byte[] digest, Caller caller) {}

  private final List<Entry> entries;

  public ApiKeyRegistry(AuthProperties properties) {
    List<AuthProperties.Key> keys = new ArrayList<>();
    if (notBlank(properties.demoShopKey())) {
      keys.add(
          new AuthProperties.Key(
              properties.demoShopKey(), Role.SHOP, properties.demoShopId(), null));
    }
    if (notBlank(properties.demoOperatorKey())) {
      String name =
          notBlank(properties.demoOperatorName())
              ? properties.demoOperatorName()
              : DEMO_OPERATOR_NAME;
      keys.add(new AuthProperties.Key(properties.demoOperatorKey(), Role.OPERATOR, null, name));
    }
    for (int i = 0; i < properties.keys().size(); i++) {
      AuthProperties.Key key = properties.keys().get(i);
      keys.add(
          key.role() != Role.OPERATOR || notBlank(key.name())
              ? key
              : new AuthProperties.Key(key.key(), key.role(), key.shopId(), "operator-key-" + i));
    }
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
    if (key.role() == Role.OPERATOR && !NAME.matcher(key.name()).matches()) {
      throw new IllegalArgumentException(
          "orders.auth: an OPERATOR key's name must be 1 to 64 of A-Z a-z 0-9 . _ @ -");
    }
    if (!seen.add(key.key())) {
      throw new IllegalArgumentException("orders.auth: the same key is configured twice");
    }
    return key.key();
  }

  private static Caller caller(AuthProperties.Key key) {
    return key.role() == Role.OPERATOR ? Caller.operator(key.name()) : Caller.shop(key.shopId());
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
