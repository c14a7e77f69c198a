package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The REST client of the chaos run, behaving as a careful shop: a request that got no answer, a 5xx
 * or a 429 is sent again, the same request with the same Idempotency-Key, after a backoff that
 * doubles with jitter (at least Retry-After), until {@code giveUpAfter}. A new key is never used:
 * an earlier attempt may have been admitted, and a new key would then make a second order.
 */
final class ShopClient {

  /** An answer: the HTTP status and the JSON body (an empty object when there was none). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /** No answer worth keeping within the retry budget: the last status, or -1 for none. */
  static final class GaveUp extends Exception {
    final int lastStatus;

    GaveUp(String what, int lastStatus, Throwable cause) {
      super(what + ": no answer after retries (last status " + lastStatus + ")", cause);
      this.lastStatus = lastStatus;
    }
  }

  static final String SHOP_KEY = "demo-shop-key";
  static final String OPERATOR_KEY = "demo-operator-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final Duration giveUpAfter;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ShopClient(String baseUrl, Duration giveUpAfter) {
    this.baseUrl = baseUrl;
    this.giveUpAfter = giveUpAfter;
  }

  /** POST as the shop; {@code idempotencyKey} may be null for requests that take none. */
  Answer post(String path, String idempotencyKey, String body) throws GaveUp {
    HttpRequest.Builder request = request(path, SHOP_KEY).POST(publisher(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  Answer get(String path) throws GaveUp {
    return send(request(path, SHOP_KEY).GET().build());
  }

  /** An operator's request: {@code method} with an optional JSON body. */
  Answer operator(String method, String path, String body) throws GaveUp {
    return send(request(path, OPERATOR_KEY).method(method, publisher(body)).build());
  }

  private HttpRequest.Builder request(String path, String key) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(ATTEMPT_TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher publisher(String body) {
    return body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
  }

  private Answer send(HttpRequest request) throws GaveUp {
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    long backoffMs = 250;
    int lastStatus = -1;
    Exception lastError = null;
    while (true) {
      long waitMs = backoffMs;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        lastStatus = response.statusCode();
        if (lastStatus != 429 && lastStatus < 500) {
          return new Answer(lastStatus, parse(response.body()));
        }
        long retryAfterMs = response.headers().firstValueAsLong("Retry-After").orElse(0) * 1000;
        waitMs = Math.max(waitMs, retryAfterMs);
      } catch (IOException e) {
        // Refused, reset or timed out: the part behind may be restarting; ask again.
        lastError = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GaveUp(request.method() + " " + request.uri().getPath(), lastStatus, e);
      }
      if (System.nanoTime() + waitMs * 1_000_000 > deadline) {
        throw new GaveUp(request.method() + " " + request.uri().getPath(), lastStatus, lastError);
      }
      sleep(waitMs + ThreadLocalRandom.current().nextLong(backoffMs));
      backoffMs = Math.min(backoffMs * 2, 4_000);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("unparsed", body);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
