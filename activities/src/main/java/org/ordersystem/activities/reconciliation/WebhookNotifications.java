package org.ordersystem.activities.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.recovery.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification webhook: POSTs each notification as JSON to a URL, or logs it when none is
 * configured. Receivers deduplicate by {@code notificationId}: a retried delivery sends it again.
 */
public final class WebhookNotifications implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(WebhookNotifications.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final URI url;
  private final HttpClient http;

  /**
   * @param url where to POST; null or blank to log notifications instead
   */
  public WebhookNotifications(String url) {
    this.url = url == null || url.isBlank() ? null : URI.create(url);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public void send(Notification notification) {
    String body;
    try {
      body = JSON.writeValueAsString(notification);
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "notification cannot be written as JSON: " + e.getMessage(), "INVALID_REQUEST");
    }
    if (url == null) {
      log.warn("Notification (no webhook configured): {}", body);
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("webhook unreachable: " + e.getMessage(), "WEBHOOK");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while calling the webhook", "WEBHOOK");
    }
    if (status / 100 != 2) {
      throw ApplicationFailure.newFailure("webhook answered " + status, "WEBHOOK");
    }
  }
}
