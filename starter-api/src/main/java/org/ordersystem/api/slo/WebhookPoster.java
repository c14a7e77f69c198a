package org.ordersystem.api.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs an SLO notification to the operators' webhook as the workers post theirs: JSON, with the
 * notification id in {@code X-Notification-Id} so a receiver can drop redeliveries. Without a
 * webhook the notification is logged at WARN, so it is never silently dropped.
 */
public class WebhookPoster {

  /** Delivers one notification. */
  @FunctionalInterface
  public interface Delivery {

    /**
     * @return whether it was delivered (2xx) or logged; false to try again on the next evaluation
     */
    boolean deliver(String notificationId, Map<String, Object> body);
  }

  private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(8);

  private final URI webhook;
  private final HttpClient http;
  private final ObjectMapper json;

  /**
   * @param webhook null to log instead
   */
  public WebhookPoster(URI webhook, HttpClient http, ObjectMapper json) {
    this.webhook = webhook;
    this.http = http;
    this.json = json;
  }

  public boolean deliver(String notificationId, Map<String, Object> body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize " + notificationId, e);
    }
    if (webhook == null) {
      log.warn("No notification webhook set (ORDERS_NOTIFY_WEBHOOK_URL): {}", text);
      return true;
    }
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-Notification-Id", notificationId)
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        log.info("Notification {} delivered to {}", notificationId, webhook);
        return true;
      }
      log.warn(
          "Webhook {} answered {} to {}; trying again at the next evaluation",
          webhook,
          response.statusCode(),
          notificationId);
    } catch (IOException e) {
      log.warn(
          "Webhook {} unreachable for {}: {}; trying again", webhook, notificationId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
