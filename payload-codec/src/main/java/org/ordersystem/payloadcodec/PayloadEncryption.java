package org.ordersystem.payloadcodec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether and how the Temporal payloads of a client or worker are encrypted: every client and
 * worker of one system must use the same keys, or they cannot read each other's payloads.
 *
 * @param keys the keys; empty to keep payloads in plain JSON
 */
public record PayloadEncryption(Optional<PayloadKeys> keys) {

  /** Plain JSON payloads. */
  public static PayloadEncryption off() {
    return new PayloadEncryption(Optional.empty());
  }

  public static PayloadEncryption with(PayloadKeys keys) {
    return new PayloadEncryption(Optional.of(keys));
  }

  /** With the keys {@code ORDERS_PAYLOAD_KEYS} or {@code ORDERS_PAYLOAD_KEYS_FILE} name, if any. */
  public static PayloadEncryption fromEnv(Map<String, String> env) {
    return new PayloadEncryption(PayloadKeys.fromEnv(env));
  }

  /** With the keys written inline or in a file, whichever is set (both blank: off). */
  public static PayloadEncryption of(String keys, String keysFile) {
    if (keys != null && !keys.isBlank()) {
      return with(PayloadKeys.parse(keys, PayloadKeys.KEYS_VARIABLE));
    }
    if (keysFile != null && !keysFile.isBlank()) {
      return with(PayloadKeys.read(Path.of(keysFile.trim())));
    }
    return off();
  }

  public boolean enabled() {
    return keys.isPresent();
  }

  /** The codec, for a codec server; empty when off. */
  public Optional<EncryptionCodec> codec() {
    return keys.map(EncryptionCodec::new);
  }

  /**
   * JSON payloads, encrypted when keys are given. Failure messages stay readable: they carry
   * reasons and service messages (an operator reads them in Temporal UI), never an address or card.
   */
  public DataConverter dataConverter() {
    DataConverter json = DefaultDataConverter.newDefaultInstance();
    return codec()
        .<DataConverter>map(codec -> new CodecDataConverter(json, List.of(codec)))
        .orElse(json);
  }
}
