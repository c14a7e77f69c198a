package org.ordersystem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A shop's or operator's view of the REST API, as curl would use it. */
final class ApiClient {

  /**
   * A response: status, headers' Content-Type and Location, the JSON body (or null), and the W3C
   * {@code traceresponse} header (or null).
   */
  record Answer(
      int status, String contentType, String location, JsonNode body, String traceResponse) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  ApiClient(int port, String key) {
    this.base = "http://localhost:" + port;
    this.key = key;
  }

  ApiClient withKey(String otherKey) {
    return new ApiClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer delete(String path) {
    return send(request(path).DELETE());
  }

  Answer post(String path, String idempotencyKey, String json) {
    HttpRequest.Builder r =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      r.header("Idempotency-Key", idempotencyKey);
    }
    return send(r);
  }

  Answer put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      r.header("Authorization", "Bearer " + key);
    }
    return r;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Location").orElse(null),
          body == null || body.isBlank() ? null : JSON.readTree(body),
          response.headers().firstValue("traceresponse").orElse(null));
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
