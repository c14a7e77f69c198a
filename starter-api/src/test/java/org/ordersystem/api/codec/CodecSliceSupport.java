package org.ordersystem.api.codec;

import org.ordersystem.api.ApiFixtures;
import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The codec server in a web slice: {@link CodecController}, its browser sessions and its CORS rules
 * on top of {@link ApiWebSlice}, encrypting with {@link ApiFixtures#PAYLOAD_KEY} and answering
 * Temporal UI's origin. It reaches nothing outside the API, so nothing is mocked.
 */
@ApiWebSlice
@Import({
  CodecController.class,
  CodecSessions.class,
  CodecCorsConfig.class,
  CodecSliceSupport.Wiring.class
})
@TestPropertySource(
    properties = {
      "orders.payload.keys=" + ApiFixtures.PAYLOAD_KEY,
      "orders.payload.codec-cors-origins=http://localhost:8233"
    })
abstract class CodecSliceSupport extends ApiRequests {

  /**
   * The payload settings, and the encryption read from them as the application's Temporal
   * configuration reads it ({@code TemporalConfig#payloadEncryption}); the slice leaves out that
   * configuration, which would build a Temporal client.
   */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PayloadProperties.class)
  static class Wiring {

    @Bean
    PayloadEncryption payloadEncryption(PayloadProperties properties) {
      return properties.encryption();
    }
  }
}
