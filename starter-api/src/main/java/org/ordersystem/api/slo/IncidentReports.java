package org.ordersystem.api.slo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the first report of a page-level burn, the one no human has to write at 3 a.m.: what is
 * burning and since when, the orders stuck by step and reason, which downstream's errors or latency
 * rose, and where to look (a Temporal UI list of the stuck orders, a sample order, the runbook
 * section). And the resolved notice that closes it.
 */
public class IncidentReports {

  /** Notification type of the first report. */
  public static final String BURN = "SLO_BURN";

  /** Notification type of the resolved notice. */
  public static final String RESOLVED = "SLO_RESOLVED";

  private static final Logger log = LoggerFactory.getLogger(IncidentReports.class);
  private static final int MAX_GROUPS = 10;

  private final OrderOutcomes outcomes;
  private final DownstreamTrends downstreams;
  private final SloProperties properties;
  private final String namespace;
  private final Clock clock;

  public IncidentReports(
      OrderOutcomes outcomes,
      DownstreamTrends downstreams,
      SloProperties properties,
      String namespace,
      Clock clock) {
    this.outcomes = outcomes;
    this.downstreams = downstreams;
    this.properties = properties;
    this.namespace = namespace;
    this.clock = clock;
  }

  Map<String, Object> firstReport(String notificationId, Slo slo, SloStatus status, Instant since) {
    Instant now = clock.instant();
    List<SloStatus.AlertStatus> firing =
        status.alerts().stream().filter(SloStatus.AlertStatus::firing).toList();
    List<OrderOutcomes.StuckGroup> stuck = stuckOrders(now);
    List<DownstreamTrends.Trend> trends = downstreams.trends(properties.pageFast().shortWindow());
    String alert = slo.alertName(SloProperties.Severity.PAGE);

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notificationId", notificationId);
    body.put("type", BURN);
    body.put("slo", slo.id());
    body.put("alert", alert);
    body.put("summary", summary(slo, firing, since, stuck, trends));
    body.put("since", since);
    body.put("reportedAt", now);
    body.put("objective", status.objective());
    body.put("description", slo.description());
    body.put("budgetLeft", status.budgetLeft());
    body.put("firingAlerts", firing);
    body.put(
        "affectedOrders",
        Map.of(
            "total",
            stuck.stream().mapToLong(OrderOutcomes.StuckGroup::orders).sum(),
            "byStepAndReason",
            stuck));
    body.put("downstreams", trends);
    body.put("links", links(alert, stuck));
    return body;
  }

  Map<String, Object> resolved(String notificationId, Slo slo, SloStatus status, Instant since) {
    Instant now = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notificationId", notificationId);
    body.put("type", RESOLVED);
    body.put("slo", slo.id());
    body.put("alert", slo.alertName(SloProperties.Severity.PAGE));
    body.put(
        "summary",
        slo.id()
            + " no longer burns at page level (burning since "
            + since
            + ", "
            + Duration.between(since, now).toSeconds()
            + " s); "
            + Math.round(status.budgetLeft() * 1000) / 10.0
            + "% of the error budget left");
    body.put("since", since);
    body.put("resolvedAt", now);
    body.put("budgetLeft", status.budgetLeft());
    body.put("alerts", status.alerts());
    body.put("links", Map.of("runbook", runbook(slo.alertName(SloProperties.Severity.PAGE))));
    return body;
  }

  private List<OrderOutcomes.StuckGroup> stuckOrders(Instant now) {
    try {
      // A CREATING order that has not moved for a whole evaluation interval is retrying a step:
      // healthy orders move every few hundred milliseconds.
      return outcomes.stuck(now.minus(properties.evaluationInterval()), MAX_GROUPS);
    } catch (RuntimeException e) {
      // The report goes out anyway: it is most needed when things are broken.
      log.warn("Could not read the stuck orders for the SLO report", e);
      return List.of();
    }
  }

  private String summary(
      Slo slo,
      List<SloStatus.AlertStatus> firing,
      Instant since,
      List<OrderOutcomes.StuckGroup> stuck,
      List<DownstreamTrends.Trend> trends) {
    StringBuilder s = new StringBuilder(slo.id()).append(" is burning its error budget");
    for (SloStatus.AlertStatus a : firing) {
      s.append(
          String.format(
              Locale.ROOT,
              "; %s: %.1fx over %s and %.1fx over %s (threshold %.1f)",
              a.window(),
              a.longBurnRate(),
              a.longWindow(),
              a.shortBurnRate(),
              a.shortWindow(),
              a.threshold()));
    }
    s.append("; since ").append(since);
    if (!stuck.isEmpty()) {
      OrderOutcomes.StuckGroup top = stuck.get(0);
      s.append(
          String.format(
              Locale.ROOT,
              "; most stuck orders: %d %s at %s (%s)",
              top.orders(),
              top.status(),
              top.step(),
              top.reason() == null ? "no reason yet" : top.reason()));
    }
    trends.stream()
        .filter(DownstreamTrends.Trend::rose)
        .forEach(
            t ->
                s.append(
                    String.format(
                        Locale.ROOT,
                        "; %s rose: %.0f%% errors %s, mean %.0f ms (before: %.0f%%, %.0f ms)",
                        t.downstream(),
                        t.recentErrorRate() * 100,
                        t.errorsByCode(),
                        t.recentMeanMillis(),
                        t.baselineErrorRate() * 100,
                        t.baselineMeanMillis())));
    return s.toString();
  }

  private Map<String, Object> links(String alert, List<OrderOutcomes.StuckGroup> stuck) {
    String ui = properties.temporalUiUrl() + "/namespaces/" + namespace + "/workflows";
    Map<String, Object> links = new LinkedHashMap<>();
    String query = "ExecutionStatus=\"Running\" AND OrderStatus IN (\"PENDING\",\"CREATING\")";
    links.put("temporalUiQuery", ui + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    if (!stuck.isEmpty()) {
      String orderId = stuck.get(0).sampleOrderId();
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("orderId", orderId);
      // The workflow's page shows each step's attempts and failures; its traces show where the
      // time went, found by the order.id tag every span of the order carries.
      sample.put("temporalUi", ui + "/order-" + orderId);
      if (properties.traceSearchUrl() != null) {
        sample.put(
            "traces",
            properties
                .traceSearchUrl()
                .replace(
                    SloProperties.ORDER_ID, URLEncoder.encode(orderId, StandardCharsets.UTF_8)));
      }
      links.put("sampleOrder", sample);
    }
    links.put("runbook", runbook(alert));
    return links;
  }

  private String runbook(String alert) {
    return properties.runbookUrl() + "#" + alert.toLowerCase(Locale.ROOT);
  }
}
