package org.ordersystem.payloadcodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionCodecTest {

  private static final String SECRET = "Hanako Yamada, 1-1 Chiyoda, tok_visa_4242";

  record Shipping(String name, String cardToken) {}

  @Test
  void shouldLeaveNoPlaintextInTheEncodedPayloadAndDecodeItBack() {
    DataConverter converter = PayloadEncryption.with(ring("k2", "k1")).dataConverter();

    Payload encoded = converter.toPayload(new Shipping(SECRET, "tok_visa_4242")).orElseThrow();

    assertThat(encoded.toByteString().toStringUtf8()).doesNotContain("Hanako", "tok_visa");
    assertThat(encoded.getMetadataMap().get(EncryptionCodec.KEY_ID).toStringUtf8()).isEqualTo("k2");
    assertThat(EncryptionCodec.isEncrypted(encoded)).isTrue();
    assertThat(converter.fromPayload(encoded, Shipping.class, Shipping.class))
        .isEqualTo(new Shipping(SECRET, "tok_visa_4242"));
  }

  @Test
  void shouldDecryptWithAnOldKeyAfterRotation() {
    PayloadKeys before = ring("k1");
    Payload sealed = new EncryptionCodec(before).encode(List.of(plain(SECRET))).get(0);
    PayloadKeys rotated = new PayloadKeys("k2", merge(ring("k2"), before));

    Payload opened = new EncryptionCodec(rotated).decode(List.of(sealed)).get(0);

    assertThat(opened).isEqualTo(plain(SECRET));
    assertThat(
            new EncryptionCodec(rotated)
                .encode(List.of(plain(SECRET)))
                .get(0)
                .getMetadataMap()
                .get(EncryptionCodec.KEY_ID)
                .toStringUtf8())
        .isEqualTo("k2");
  }

  @Test
  void shouldRefuseAPayloadOfAnUnknownKeyOrAlteredData() {
    Payload sealed = new EncryptionCodec(ring("k1")).encode(List.of(plain(SECRET))).get(0);
    EncryptionCodec otherRing = new EncryptionCodec(ring("k9"));

    assertThatThrownBy(() -> otherRing.decode(List.of(sealed)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key k1");
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThatThrownBy(() -> new EncryptionCodec(ring("k1")).decode(List.of(altered)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void shouldEncryptEachPayloadWithItsOwnNonceOnOneThreadAndDecryptAfterARefusal() {
    EncryptionCodec codec = new EncryptionCodec(ring("k1"));
    Payload first = codec.encode(List.of(plain(SECRET))).get(0);
    Payload second = codec.encode(List.of(plain(SECRET))).get(0);
    byte[] data = first.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = first.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThat(second.getData()).isNotEqualTo(first.getData());
    assertThatThrownBy(() -> codec.decode(List.of(altered)))
        .isInstanceOf(PayloadCodecException.class);
    assertThat(codec.decode(List.of(first, second))).containsExactly(plain(SECRET), plain(SECRET));
  }

  @Test
  void shouldPassPlainPayloadsOfOlderHistoriesThrough() {
    assertThat(new EncryptionCodec(ring("k1")).decode(List.of(plain(SECRET))))
        .containsExactly(plain(SECRET));
  }

  @Test
  void shouldCreateAKeyFileOnceAndReadTheSameKeyAfterwards(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys/payload-keys");

    PayloadKeys created = PayloadKeys.readOrCreate(file);
    PayloadKeys again = PayloadKeys.readOrCreate(file);

    assertThat(again.current().getEncoded()).isEqualTo(created.current().getEncoded());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldExplainAMalformedKey() {
    assertThatThrownBy(() -> PayloadKeys.parse("k1:c2hvcnQ=", "ORDERS_PAYLOAD_KEYS"))
        .hasMessageContaining("k1 has 5 bytes");
    assertThatThrownBy(() -> PayloadKeys.parse("# nothing", "keys.txt"))
        .hasMessageContaining("keys.txt holds no key");
    assertThat(PayloadKeys.fromEnv(java.util.Map.of())).isEmpty();
  }

  private static Payload plain(String text) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("\"" + text + "\""))
        .build();
  }

  /** A ring of new random keys with these ids, the first current. */
  private static PayloadKeys ring(String... ids) {
    StringBuilder entries = new StringBuilder();
    for (String id : ids) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      entries.append(id).append(':').append(Base64.getEncoder().encodeToString(key)).append(',');
    }
    return PayloadKeys.parse(entries.toString(), "test");
  }

  private static java.util.Map<String, javax.crypto.SecretKey> merge(
      PayloadKeys first, PayloadKeys second) {
    var all = new java.util.LinkedHashMap<>(first.keys());
    all.putAll(second.keys());
    return all;
  }
}
