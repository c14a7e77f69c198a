package org.ordersystem.activities;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.recovery.Notification;
import org.ordersystem.workflows.recovery.NotificationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs notifications to the operators' webhook ({@code ORDERS_NOTIFY_WEBHOOK_URL}) as JSON:
 * instants as ISO-8601 text, absent fields left out, and the notification id also in the {@code
 * X-Notification-Id} header so a receiver can deduplicate redeliveries without parsing the body.
 * Without a webhook the notification is logged at WARN, so it is never silently dropped.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {

  /** Failure type of a webhook that answered other than 2xx; retried. */
  public static final String WEBHOOK_REJECTED = "WEBHOOK_REJECTED";

  /** Failure type of a webhook that could not be reached or did not answer in time; retried. */
  public static final String WEBHOOK_UNREACHABLE = "WEBHOOK_UNREACHABLE";

  /** Header carrying {@link Notification#notificationId()}. */
  public static final String NOTIFICATION_ID_HEADER = "X-Notification-Id";

  /** Under the activity's start-to-close timeout, so a slow webhook fails with a clear message. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();
  private static final int MAX_BODY_IN_ERROR = 200;

  private final URI webhook;
  private final HttpClient http;

  /**
   * @param webhook where to POST; null to log notifications instead
   */
  public NotificationActivitiesImpl(URI webhook, HttpClient http) {
    this.webhook = webhook;
    this.http = http;
  }

  @Override
  public void send(Notification notification) {
    if (notification.notificationId() == null || notification.notificationId().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a notification needs an id: " + notification, "INVALID_NOTIFICATION");
    }
    String json = toJson(notification);
    if (webhook == null) {
      // The log is then the only report: loud for a stuck order, quiet for a sweep's heartbeat.
      if (notification.type() == NotificationType.SWEEP_SUMMARY) {
        log.info("No notification webhook set (ORDERS_NOTIFY_WEBHOOK_URL): {}", json);
      } else {
        log.warn("No notification webhook set (ORDERS_NOTIFY_WEBHOOK_URL): {}", json);
      }
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header(NOTIFICATION_ID_HEADER, notification.notificationId())
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "webhook " + webhook + " unreachable: " + e, WEBHOOK_UNREACHABLE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to " + webhook, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw ApplicationFailure.newFailure(
          "webhook "
              + webhook
              + " answered "
              + response.statusCode()
              + " to notification "
              + notification.notificationId()
              + ": "
              + abbreviate(response.body()),
          WEBHOOK_REJECTED);
    }
    log.debug("Notification {} delivered to {}", notification.notificationId(), webhook);
  }

  /** The JSON body a webhook receives. */
  static String toJson(Notification notification) {
    try {
      return JSON.writeValueAsString(notification);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialize " + notification, e);
    }
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= MAX_BODY_IN_ERROR ? body : body.substring(0, MAX_BODY_IN_ERROR) + "…";
  }
}
