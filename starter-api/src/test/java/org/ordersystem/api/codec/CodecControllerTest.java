package org.ordersystem.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.api.ApiFixtures.JSON;
import static org.ordersystem.api.ApiFixtures.OPERATOR_KEY;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.Cookie;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The codec server: Temporal's remote codec protocol, for operators only. */
class CodecControllerTest extends CodecSliceSupport {

  private static final String NAME = "Hanako Yamada";

  /** One JSON payload holding the name, in protobuf JSON (bytes in base64). */
  private static final String PLAIN =
      "{\"payloads\":[{\"metadata\":{\"encoding\":\""
          + b64("json/plain")
          + "\"},\"data\":\""
          + b64("\"" + NAME + "\"")
          + "\"}]}";

  @Test
  void shouldRefuseRequestsWithoutAnOperator() throws Exception {
    mvc.perform(post("/codec/decode").contentType(MediaType.APPLICATION_JSON).content(PLAIN))
        .andExpect(status().isUnauthorized())
        .andExpect(header().exists(HttpHeaders.WWW_AUTHENTICATE))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            post("/codec/decode")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .content(PLAIN))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            post("/codec/decode")
                .cookie(new Cookie(CodecController.SESSION_COOKIE, "made-up"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(PLAIN))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void shouldEncryptAndDecryptForAnOperator() throws Exception {
    String encoded = codec("/codec/encode", PLAIN, "Bearer " + OPERATOR_KEY, null);
    JsonNode payload = JSON.readTree(encoded).get("payloads").get(0);
    assertThat(unb64(payload.get("metadata").get("encoding").asText()))
        .isEqualTo("binary/encrypted");
    assertThat(unb64(payload.get("metadata").get("encryption-key-id").asText())).isEqualTo("test");
    assertThat(unb64(payload.get("data").asText())).doesNotContain(NAME);

    String decoded = codec("/codec/decode", encoded, "Bearer " + OPERATOR_KEY, null);

    assertThat(unb64(JSON.readTree(decoded).get("payloads").get(0).get("data").asText()))
        .isEqualTo("\"" + NAME + "\"");
  }

  @Test
  void shouldDecryptForABrowserSignedInAsAnOperator() throws Exception {
    Cookie session =
        mvc.perform(
                post("/codec/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_KEY))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getCookie(CodecController.SESSION_COOKIE);
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    String encoded = codec("/codec/encode", PLAIN, "Bearer " + OPERATOR_KEY, null);

    String decoded = codec("/codec/decode", encoded, null, session);

    assertThat(decoded).contains(b64("\"" + NAME + "\""));
    mvc.perform(post("/codec/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + SHOP_KEY))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void shouldLetTemporalUiCallItWithCredentialsAndNoOtherOrigin() throws Exception {
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, "http://localhost:8233")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-namespace"))
        .andExpect(status().isOk())
        .andExpect(
            header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:8233"))
        .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true"));
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
        .andExpect(status().isForbidden());
  }

  @Test
  void shouldAnswerMalformedPayloadsWithABadRequest() throws Exception {
    mvc.perform(
            post("/codec/decode")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"payloads\": 7}"))
        .andExpect(status().isBadRequest());
  }

  private String codec(String path, String body, String authorization, Cookie session)
      throws Exception {
    var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    if (session != null) {
      request.cookie(session);
    }
    return mvc.perform(request)
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static String b64(String text) {
    return Base64.getEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String unb64(String base64) {
    return new String(Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
  }
}
