package org.ordersystem.api.slo;

import java.time.Duration;
import java.util.List;

/**
 * One objective as GET /api/v1/ops/slo answers it.
 *
 * @param slo its id, such as {@code order-acceptance}
 * @param objective the share of good events promised, such as 0.999
 * @param budgetLeft the share of the period's error budget not spent yet (negative once overspent)
 * @param goodEvents good events over the budget period (since this API process started, at most)
 * @param badEvents bad events over the same period
 * @param alerts each multiwindow alert with the burn rate of its two windows
 * @param firing the most urgent severity firing (PAGE or TICKET), or null when none fires
 */
public record SloStatus(
    String slo,
    String description,
    double objective,
    Duration budgetPeriod,
    double budgetLeft,
    long goodEvents,
    long badEvents,
    List<AlertStatus> alerts,
    SloProperties.Severity firing) {

  /**
   * @param alert the alert's name, also its section in the runbook
   * @param window which of the three (page-fast, page-slow, ticket)
   */
  public record AlertStatus(
      String alert,
      String window,
      SloProperties.Severity severity,
      double threshold,
      Duration longWindow,
      double longBurnRate,
      Duration shortWindow,
      double shortBurnRate,
      boolean firing) {}

  /** Whether a page-level alert fires: the condition for the first report. */
  public boolean pages() {
    return firing == SloProperties.Severity.PAGE;
  }
}
