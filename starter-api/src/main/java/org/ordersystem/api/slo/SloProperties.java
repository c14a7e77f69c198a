package org.ordersystem.api.slo;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service level objectives the API evaluates itself ({@code orders.slo.*}); every key has a
 * default, and tests shrink the windows to seconds.
 *
 * @param enabled false evaluates nothing and posts nothing
 * @param evaluationInterval how often burn rates are computed and the webhook told of changes
 * @param bucket width of one bucket of the in-memory event store; windows are counted in whole
 *     buckets, so it must not exceed the shortest window
 * @param budgetPeriod the period the error budget is counted over
 * @param acceptanceObjective share of order placements that must be decided (accepted or rejected)
 *     within the accept timeout
 * @param completionObjective share of placed orders that must reach a final state within {@code
 *     completionThreshold}
 * @param completionThreshold how soon an order must be final to count as good
 * @param completionWatchLimit how long after placement an unfinished order is still followed for
 *     the completion histogram
 * @param pageFast the fast page: 1h/5m at 14.4 by default (2% of a 30-day budget in an hour)
 * @param pageSlow the slow page: 6h/30m at 6 (5% in six hours)
 * @param ticket the ticket: 3d/6h at 1 (10% in three days)
 * @param webhookUrl where the first report and the resolved notice are POSTed; blank logs them
 * @param temporalUiUrl Temporal UI's base URL, for the links in the report
 * @param runbookUrl the runbook, for the links in the report; its sections are the alert names
 * @param traceSearchUrl the trace UI's search for one order's traces, {@value #ORDER_ID} standing
 *     for the order's id, for the sample order's link in the report; blank: no trace link
 */
@ConfigurationProperties("orders.slo")
public record SloProperties(
    Boolean enabled,
    Duration evaluationInterval,
    Duration bucket,
    Duration budgetPeriod,
    Double acceptanceObjective,
    Double completionObjective,
    Duration completionThreshold,
    Duration completionWatchLimit,
    Alert pageFast,
    Alert pageSlow,
    Alert ticket,
    String webhookUrl,
    String temporalUiUrl,
    String runbookUrl,
    String traceSearchUrl) {

  /** Where {@link #traceSearchUrl} takes the order's id. */
  public static final String ORDER_ID = "{orderId}";

  /**
   * One multiwindow burn-rate alert: it fires while the burn rate over both windows is at least
   * {@code burnRate}. The long window makes it significant, the short one makes it stop soon after
   * the burn does.
   */
  public record Alert(Duration longWindow, Duration shortWindow, Double burnRate) {

    Alert orDefault(Alert defaults) {
      return new Alert(
          longWindow != null ? longWindow : defaults.longWindow(),
          shortWindow != null ? shortWindow : defaults.shortWindow(),
          burnRate != null ? burnRate : defaults.burnRate());
    }
  }

  public SloProperties {
    enabled = enabled == null || enabled;
    evaluationInterval = orDefault(evaluationInterval, Duration.ofSeconds(10));
    bucket = orDefault(bucket, Duration.ofMinutes(1));
    budgetPeriod = orDefault(budgetPeriod, Duration.ofDays(28));
    acceptanceObjective = acceptanceObjective != null ? acceptanceObjective : 0.999;
    completionObjective = completionObjective != null ? completionObjective : 0.99;
    completionThreshold = orDefault(completionThreshold, Duration.ofSeconds(30));
    completionWatchLimit = orDefault(completionWatchLimit, Duration.ofMinutes(30));
    pageFast =
        (pageFast != null ? pageFast : new Alert(null, null, null))
            .orDefault(new Alert(Duration.ofHours(1), Duration.ofMinutes(5), 14.4));
    pageSlow =
        (pageSlow != null ? pageSlow : new Alert(null, null, null))
            .orDefault(new Alert(Duration.ofHours(6), Duration.ofMinutes(30), 6.0));
    ticket =
        (ticket != null ? ticket : new Alert(null, null, null))
            .orDefault(new Alert(Duration.ofDays(3), Duration.ofHours(6), 1.0));
    webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
    temporalUiUrl =
        temporalUiUrl == null || temporalUiUrl.isBlank()
            ? "http://localhost:8233"
            : temporalUiUrl.strip();
    runbookUrl =
        runbookUrl == null || runbookUrl.isBlank() ? "docs/runbook.md" : runbookUrl.strip();
    traceSearchUrl =
        traceSearchUrl == null || traceSearchUrl.isBlank() ? null : traceSearchUrl.strip();
    if (traceSearchUrl != null && !traceSearchUrl.contains(ORDER_ID)) {
      throw new IllegalArgumentException(
          "orders.slo.trace-search-url must contain " + ORDER_ID + ": " + traceSearchUrl);
    }
    check(acceptanceObjective, "acceptance-objective");
    check(completionObjective, "completion-objective");
    for (Alert alert : List.of(pageFast, pageSlow, ticket)) {
      if (alert.shortWindow().compareTo(alert.longWindow()) > 0
          || alert.longWindow().compareTo(budgetPeriod) > 0
          || bucket.compareTo(alert.shortWindow()) > 0
          || alert.burnRate() <= 0) {
        throw new IllegalArgumentException(
            "orders.slo: every alert needs bucket <= short window <= long window <= budget"
                + " period and a positive burn rate, got "
                + alert
                + " with bucket "
                + bucket
                + " and budget period "
                + budgetPeriod);
      }
    }
  }

  /** The three alerts, most urgent first. */
  public List<NamedAlert> alerts() {
    return List.of(
        new NamedAlert("page-fast", Severity.PAGE, pageFast),
        new NamedAlert("page-slow", Severity.PAGE, pageSlow),
        new NamedAlert("ticket", Severity.TICKET, ticket));
  }

  /** Whether an alert wakes someone up (and files the first report) or waits for office hours. */
  public enum Severity {
    PAGE,
    TICKET
  }

  /** An alert with its name and severity. */
  public record NamedAlert(String name, Severity severity, Alert windows) {}

  private static Duration orDefault(Duration value, Duration defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("orders.slo: durations must be positive, got " + value);
    }
    return value;
  }

  private static void check(double objective, String key) {
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException(
          "orders.slo." + key + " must be between 0 and 1 exclusive, got " + objective);
    }
  }
}
