package org.ordersystem.payloadcodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt Temporal payloads: the current one encrypts, every one decrypts, so
 * a key can be rotated without losing the histories it encrypted. Written as {@code id:base64key}
 * entries, the current one first, separated by commas or line breaks; {@code #} starts a comment.
 *
 * <p>Read from {@code ORDERS_PAYLOAD_KEYS}, or from the file {@code ORDERS_PAYLOAD_KEYS_FILE}.
 * Rotate by putting a new key first and keeping the old ones after it for as long as histories
 * (open orders, their retention period) hold payloads they encrypted.
 *
 * @param currentId the id of the key that encrypts
 * @param keys every key, by id
 */
public record PayloadKeys(String currentId, Map<String, SecretKey> keys) {

  /** The variable holding the keys themselves. */
  public static final String KEYS_VARIABLE = "ORDERS_PAYLOAD_KEYS";

  /** The variable naming a file that holds them. */
  public static final String KEYS_FILE_VARIABLE = "ORDERS_PAYLOAD_KEYS_FILE";

  private static final int KEY_BYTES = 32;

  public PayloadKeys {
    keys = Map.copyOf(keys);
    if (!keys.containsKey(currentId)) {
      throw new IllegalArgumentException("No key with the current id " + currentId);
    }
  }

  /** The key with that id, if this ring has it. */
  public Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public SecretKey current() {
    return keys.get(currentId);
  }

  /** The keys the environment names; empty when it names none. */
  public static Optional<PayloadKeys> fromEnv(Map<String, String> env) {
    String inline = env.get(KEYS_VARIABLE);
    if (inline != null && !inline.isBlank()) {
      return Optional.of(parse(inline, KEYS_VARIABLE));
    }
    String file = env.get(KEYS_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      return Optional.of(read(Path.of(file.trim())));
    }
    return Optional.empty();
  }

  /** The keys in a file of entries. */
  public static PayloadKeys read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the payload keys in " + file, e);
    }
  }

  /**
   * The keys in {@code file}, which is created with one new random key, readable by its owner only,
   * when it does not exist: how the local stack keeps its key beside the data it protects.
   */
  public static PayloadKeys readOrCreate(Path file) {
    if (!Files.exists(file)) {
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      String id = "k" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "");
      String entry =
          "# Encrypts this stack's Temporal payloads; losing it makes its histories unreadable.\n"
              + id
              + ":"
              + Base64.getEncoder().encodeToString(key)
              + "\n";
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, entry, StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the payload key file " + file, e);
      }
    }
    return read(file);
  }

  static PayloadKeys parse(String entries, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    String current = null;
    for (String raw : entries.split("[,\\n]")) {
      String entry = raw.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            source + ": a key must be written as id:base64key, got an entry without an id");
      }
      String id = entry.substring(0, colon).strip();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": key " + id + " is not valid base64", e);
      }
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            source + ": key " + id + " has " + key.length + " bytes; AES-256 needs " + KEY_BYTES);
      }
      if (keys.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
        throw new IllegalArgumentException(source + ": key id " + id + " appears twice");
      }
      current = current == null ? id : current;
    }
    if (current == null) {
      throw new IllegalArgumentException(source + " holds no key");
    }
    return new PayloadKeys(current, keys);
  }
}
