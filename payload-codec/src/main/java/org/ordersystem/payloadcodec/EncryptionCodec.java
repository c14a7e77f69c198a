package org.ordersystem.payloadcodec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM: the whole payload (its metadata and data) becomes the
 * ciphertext of a new payload whose metadata names only the encoding and the key id, so Temporal's
 * history, its UI and a backup of its database hold no order's address, name or card token. Search
 * attributes do not pass through codecs and stay readable (they carry no personal data).
 *
 * <p>Decoding leaves a payload that is not encrypted as it is: histories written before encryption
 * was switched on still replay.
 */
public final class EncryptionCodec implements PayloadCodec {

  /** The {@code encoding} metadata of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata naming the key that encrypted the payload. */
  public static final String KEY_ID = "encryption-key-id";

  private static final String ENCODING_KEY = "encoding";
  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private static final ByteString ENCODING_VALUE = ByteString.copyFromUtf8(ENCODING);

  /**
   * One cipher per thread, initialized afresh (key and nonce) for every payload: looking the
   * algorithm up for each payload was a visible share of a worker's CPU, and a cipher is not safe
   * to share between threads.
   */
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(CIPHER);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("This JDK has no " + CIPHER, e);
            }
          });

  private final PayloadKeys keys;
  private final SecureRandom random = new SecureRandom();

  public EncryptionCodec(PayloadKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether the payload is one this codec encrypted. */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_VALUE.equals(payload.getMetadataMap().get(ENCODING_KEY));
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = keys.currentId();
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId, payload.toByteArray());
    ByteBuffer data = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ENCODING_VALUE)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(data.array()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID);
    String keyId = keyIdBytes == null ? "" : keyIdBytes.toStringUtf8();
    SecretKey key =
        keys.find(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "The payload was encrypted with key "
                            + keyId
                            + ", which is not among the configured keys ("
                            + String.join(", ", keys.keys().keySet())
                            + "): add it after the current one in "
                            + PayloadKeys.KEYS_VARIABLE));
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("An encrypted payload is too short to hold its nonce");
    }
    byte[] nonce = java.util.Arrays.copyOf(data, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(data, NONCE_BYTES, data.length);
    try {
      return Payload.parseFrom(run(Cipher.DECRYPT_MODE, key, nonce, keyId, sealed));
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }

  /** The key id is authenticated with the data, so a payload cannot be relabelled. */
  private static byte[] run(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(
          mode == Cipher.DECRYPT_MODE
              ? "A payload could not be decrypted with key " + keyId + ": wrong key or altered data"
              : "A payload could not be encrypted",
          e);
    }
  }
}
