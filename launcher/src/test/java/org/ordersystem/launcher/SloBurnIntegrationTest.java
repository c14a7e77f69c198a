package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;

/**
 * A payment outage burns the error budgets of a stack whose SLO windows last seconds instead of
 * hours: the first report reaches the webhook without a human, names the burn, the stuck orders,
 * the failing downstream and the links, is not repeated while the burn goes on, and a resolved
 * notice follows once payment is back.
 */
class SloBurnIntegrationTest {

  private static final String SHOP_KEY = "slo-shop-key";
  private static final String OPERATOR_KEY = "slo-operator-key";

  /** The default alerts' shape (long, short window, rate), an hour scaled down to 30 seconds. */
  private static final Map<String, Object> SHORT_WINDOWS =
      Map.ofEntries(
          Map.entry("orders.slo.evaluation-interval", "PT1S"),
          Map.entry("orders.slo.bucket", "PT1S"),
          Map.entry("orders.slo.budget-period", "PT10M"),
          Map.entry("orders.slo.completion-threshold", "PT4S"),
          Map.entry("orders.slo.page-fast.long-window", "PT30S"),
          Map.entry("orders.slo.page-fast.short-window", "PT3S"),
          Map.entry("orders.slo.page-slow.long-window", "PT60S"),
          Map.entry("orders.slo.page-slow.short-window", "PT6S"),
          Map.entry("orders.slo.ticket.long-window", "PT5M"),
          Map.entry("orders.slo.ticket.short-window", "PT30S"),
          // Placements during the outage answer 202 after this, and count as bad.
          Map.entry("orders.api.accept-timeout", "PT2S"));

  private static WebhookReceiver webhook;
  private static LocalStack stack;
  private static int outageStart;

  @BeforeAll
  static void startStack() throws Exception {
    webhook = new WebhookReceiver();
    stack =
        E2eStacks.start(
            "orders-slo-e2e",
            "embedded",
            SHOP_KEY,
            OPERATOR_KEY,
            Duration.ofSeconds(3),
            RecoverySettings.defaults(),
            webhook.url(),
            ReconciliationSettings.defaults(),
            SHORT_WINDOWS);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
    if (webhook != null) {
      webhook.close();
    }
  }

  @Test
  void shouldReportAPaymentOutageOnceAndThenItsEnd() throws Exception {
    ApiClient shop = new ApiClient(stack.apiPort(), SHOP_KEY);
    ApiClient operator = new ApiClient(stack.apiPort(), OPERATOR_KEY);
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    // Before the outage: a card order (the payment service calls the PSP) and a balance one.
    ApiClient.Answer byCard =
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.mixedBody(
                Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 1, Orders.card(price, "tok_ok")));
    Orders.awaitFinal(shop, byCard.body().path("orderId").asText(), Duration.ofSeconds(30));
    Orders.awaitFinal(shop, Orders.placeOne(shop, price), Duration.ofSeconds(30));

    // A slow moment of a busy machine may have paged already: start from a quiet state, and judge
    // only what is posted from the outage on.
    await().atMost(Duration.ofSeconds(60)).until(() -> !pages(operator) && everyIncidentClosed());
    outageStart = webhook.deliveries().size();
    operator.put("/api/v1/dev/faults/payment", "{\"errorRate\":1.0}");
    List<CompletableFuture<String>> placing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      placing.add(CompletableFuture.supplyAsync(() -> Orders.placeOne(shop, price)));
    }
    List<String> outageOrders = placing.stream().map(CompletableFuture::join).toList();

    JsonNode report =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> delivered("SLO_BURN", "order-acceptance"), found -> !found.isEmpty())
            .get(0);
    assertThat(report.path("alert").asText()).isEqualTo("OrderAcceptanceBurnPage");
    assertThat(report.path("since").asText()).isNotBlank();
    assertThat(report.path("summary").asText()).contains("order-acceptance", "payment rose");
    assertThat(report.path("firingAlerts").size()).isPositive();
    assertThat(report.path("firingAlerts").get(0).path("shortBurnRate").asDouble())
        .isGreaterThanOrEqualTo(14.4);
    JsonNode payment = downstream(report, "payment");
    assertThat(payment.path("rose").asBoolean()).isTrue();
    assertThat(payment.path("errorsByCode").path("UNAVAILABLE").asLong()).isPositive();
    JsonNode groups = report.path("affectedOrders").path("byStepAndReason");
    assertThat(groups.size()).isPositive();
    assertThat(groups.get(0).path("step").asText()).isEqualTo("AUTHORIZE_PAYMENT");
    assertThat(outageOrders).contains(groups.get(0).path("sampleOrderId").asText());
    JsonNode links = report.path("links");
    assertThat(links.path("temporalUiQuery").asText()).contains("/workflows?query=");
    assertThat(links.path("sampleOrder").path("temporalUi").asText())
        .endsWith("/workflows/order-" + groups.get(0).path("sampleOrderId").asText());
    assertThat(links.path("runbook").asText()).endsWith("runbook.md#orderacceptanceburnpage");

    JsonNode slo = operator.get("/api/v1/ops/slo").body();
    JsonNode acceptance = slo.path("slos").get(0);
    assertThat(acceptance.path("slo").asText()).isEqualTo("order-acceptance");
    assertThat(acceptance.path("budgetLeft").asDouble()).isLessThan(1.0);
    assertThat(acceptance.path("alerts").get(0).path("longBurnRate").asDouble()).isPositive();

    // Payment stays down until the outage orders also miss the completion threshold: that
    // objective pages too, with its own report.
    JsonNode completionReport =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> delivered("SLO_BURN", "order-completion"), found -> !found.isEmpty())
            .get(0);
    assertThat(completionReport.path("alert").asText()).isEqualTo("OrderCompletionBurnPage");
    assertThat(downstream(completionReport, "payment").path("rose").asBoolean()).isTrue();

    operator.delete("/api/v1/dev/faults/payment");
    for (int i = 0; i < 2; i++) {
      Orders.awaitFinal(shop, Orders.placeOne(shop, price), Duration.ofSeconds(30));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> delivered("SLO_RESOLVED", "order-acceptance"), found -> !found.isEmpty());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> delivered("SLO_RESOLVED", "order-completion"), found -> !found.isEmpty());
    // Deduplicated: each objective's notices alternate, one first report then one resolved notice
    // per incident, the notice naming the same start. (A busy machine may add an incident of its
    // own after the outage; it must alternate too.)
    for (String id : List.of("order-acceptance", "order-completion")) {
      List<JsonNode> notices =
          webhook.deliveries().stream()
              .skip(outageStart)
              .map(WebhookReceiver.Delivery::body)
              .filter(body -> id.equals(body.path("slo").asText()))
              .toList();
      assertThat(notices).hasSizeGreaterThanOrEqualTo(2);
      for (int i = 0; i + 1 < notices.size(); i += 2) {
        assertThat(notices.get(i).path("type").asText()).isEqualTo("SLO_BURN");
        assertThat(notices.get(i + 1).path("type").asText()).isEqualTo("SLO_RESOLVED");
        assertThat(notices.get(i + 1).path("since").asText())
            .isEqualTo(notices.get(i).path("since").asText());
      }
    }

    String metrics = scrape();
    assertThat(metrics)
        .contains("temporal_request_total")
        .contains("temporal_workflow_completed_total")
        .contains("orders_accept_seconds_bucket{")
        .contains("orders_completion_seconds_bucket{")
        .contains("orders_outcomes_total{")
        .contains("orders_pending ")
        .contains("orders_slo_budget_remaining{slo=\"order-acceptance\"}")
        .containsPattern("downstream_call_seconds_bucket\\{code=\"OK\",downstream=\"stock\"")
        .containsPattern("downstream_call_seconds_bucket\\{code=\"OK\",downstream=\"shipping\"")
        .containsPattern("downstream_call_seconds_bucket\\{code=\"OK\",downstream=\"psp\"")
        .containsPattern(
            "downstream_errors_total\\{code=\"UNAVAILABLE\",downstream=\"payment\",[^}]*\\} [1-9]");
  }

  private static boolean pages(ApiClient operator) {
    for (JsonNode slo : operator.get("/api/v1/ops/slo").body().path("slos")) {
      if (slo.path("firing").asText().equals("PAGE")) {
        return true;
      }
    }
    return false;
  }

  private static boolean everyIncidentClosed() {
    List<WebhookReceiver.Delivery> all = webhook.deliveries();
    return all.stream().filter(d -> d.type().equals("SLO_BURN")).count()
        == all.stream().filter(d -> d.type().equals("SLO_RESOLVED")).count();
  }

  /** What was posted of one type about one objective since the outage began. */
  private static List<JsonNode> delivered(String type, String slo) {
    return webhook.deliveries().stream()
        .skip(outageStart)
        .filter(d -> d.type().equals(type))
        .map(WebhookReceiver.Delivery::body)
        .filter(body -> slo.equals(body.path("slo").asText()))
        .toList();
  }

  private static JsonNode downstream(JsonNode report, String name) {
    for (JsonNode d : report.path("downstreams")) {
      if (name.equals(d.path("downstream").asText())) {
        return d;
      }
    }
    throw new AssertionError("no downstream " + name + " in " + report.path("downstreams"));
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + stack.apiPort() + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
