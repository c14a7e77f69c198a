package org.ordersystem.api.codec;

import java.util.List;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption ({@code orders.payload.*}).
 *
 * @param keys {@code id:base64key} entries, the current key first; blank for none
 * @param keysFile a file of such entries; used when {@code keys} is blank
 * @param codecCorsOrigins the browser origins (Temporal UI) the codec server answers
 */
@ConfigurationProperties("orders.payload")
public record PayloadProperties(String keys, String keysFile, List<String> codecCorsOrigins) {

  public PayloadProperties {
    codecCorsOrigins = codecCorsOrigins == null ? List.of() : List.copyOf(codecCorsOrigins);
  }

  public PayloadEncryption encryption() {
    return PayloadEncryption.of(keys, keysFile);
  }
}
