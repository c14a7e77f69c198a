package org.ordersystem.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.recovery.Notification;
import org.ordersystem.workflows.recovery.NotificationType;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepSummary;

/** The webhook against a real HTTP server in this JVM. */
class NotificationActivitiesImplTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-04-01T10:15:30.250Z");
  private static final Notification PENDING =
      new Notification(
          "order-o-1:pending:1",
          NotificationType.ORDER_PENDING,
          NOW,
          "o-1",
          "demo-shop",
          new PendingInfo(
              OrderStep.REGISTER_SHIPPING,
              "STEP_TIMED_OUT",
              "CreateShipment failed with UNAVAILABLE",
              NOW.minusSeconds(1),
              1,
              true),
          null,
          "shipping did not answer within the step's budget");

  /** One request the webhook received. */
  private record Received(String method, String contentType, String notificationId, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(204);
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;
  private URI webhook;

  @BeforeEach
  void startWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/hooks/orders",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("X-Notification-Id"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    server.start();
    webhook = URI.create("http://localhost:" + server.getAddress().getPort() + "/hooks/orders");
  }

  @AfterEach
  void stopWebhook() {
    server.stop(0);
  }

  @Test
  void shouldPostTheNotificationAsJsonWithItsIdInAHeader() throws IOException {
    new NotificationActivitiesImpl(webhook, http).send(PENDING);

    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.notificationId()).isEqualTo("order-o-1:pending:1");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("notificationId").asText()).isEqualTo("order-o-1:pending:1");
    assertThat(body.path("type").asText()).isEqualTo("ORDER_PENDING");
    assertThat(body.path("occurredAt").asText()).isEqualTo("2026-04-01T10:15:30.250Z");
    assertThat(body.path("orderId").asText()).isEqualTo("o-1");
    assertThat(body.path("pending").path("step").asText()).isEqualTo("REGISTER_SHIPPING");
    assertThat(body.path("pending").path("reason").asText()).isEqualTo("STEP_TIMED_OUT");
    assertThat(body.path("pending").path("since").asText()).isEqualTo("2026-04-01T10:15:29.250Z");
    assertThat(body.path("pending").path("attempts").asInt()).isEqualTo(1);
    assertThat(body.has("sweep")).as("absent fields are left out").isFalse();
  }

  @Test
  void shouldPostASweepSummaryWithItsItems() throws IOException {
    SweepSummary sweep =
        new SweepSummary(
            "recovery-sweep-7",
            "schedule",
            NOW,
            NOW.plusSeconds(3),
            1,
            1,
            1,
            0,
            0,
            0,
            1,
            List.of(
                new SweepItem(
                    "o-1",
                    OrderStatus.PENDING,
                    OrderStep.REGISTER_SHIPPING,
                    "STEP_TIMED_OUT",
                    SweepDecision.RETRY,
                    "backoff over",
                    OrderStatus.COMPLETED,
                    null)));

    new NotificationActivitiesImpl(webhook, http)
        .send(
            new Notification(
                "recovery-sweep-7:summary",
                NotificationType.SWEEP_SUMMARY,
                NOW,
                null,
                null,
                null,
                sweep,
                "1 retried"));

    JsonNode body = JSON.readTree(received.get(0).body());
    assertThat(body.path("type").asText()).isEqualTo("SWEEP_SUMMARY");
    assertThat(body.path("sweep").path("startedAt").asText()).isEqualTo("2026-04-01T10:15:30.250Z");
    assertThat(body.path("sweep").path("items").get(0).path("outcome").asText())
        .isEqualTo("COMPLETED");
    assertThat(body.has("orderId")).isFalse();
  }

  @Test
  void shouldFailTheAttemptSoItIsRetriedWhenTheWebhookAnswersAnError() {
    answer.set(500);

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new NotificationActivitiesImpl(webhook, http).send(PENDING));

    assertThat(failure.getType()).isEqualTo(NotificationActivitiesImpl.WEBHOOK_REJECTED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("500", "order-o-1:pending:1");
    assertThat(received).hasSize(1);
  }

  @Test
  void shouldFailTheAttemptSoItIsRetriedWhenTheWebhookIsUnreachable() {
    server.stop(0);

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new NotificationActivitiesImpl(webhook, http).send(PENDING));

    assertThat(failure.getType()).isEqualTo(NotificationActivitiesImpl.WEBHOOK_UNREACHABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void shouldOnlyLogWhenNoWebhookIsSet() {
    new NotificationActivitiesImpl(null, http).send(PENDING);

    assertThat(received).isEmpty();
  }

  @Test
  void shouldRefuseANotificationWithoutAnIdForGood() {
    Notification anonymous =
        new Notification(
            null, NotificationType.ORDER_UNRESOLVED, NOW, "o-1", null, null, null, "why");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> new NotificationActivitiesImpl(webhook, http).send(anonymous));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(received).isEmpty();
  }
}
