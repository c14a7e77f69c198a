package org.ordersystem.api.slo;

/**
 * The arithmetic of error budgets (Google SRE workbook, "Alerting on SLOs"): a burn rate of 1
 * spends exactly the budget over the budget period; 14.4 spends a 30-day budget's 2% in an hour.
 */
final class BurnRates {

  private BurnRates() {}

  /** How many times faster than allowed the window's bad events spend the budget. */
  static double burnRate(SliEventStore.Counts counts, double objective) {
    return counts.errorRate() / (1 - objective);
  }

  /**
   * The share of the budget not spent over the period: 1 untouched, 0 spent, below 0 overspent
   * (kept negative, since how far past the objective the service is matters).
   */
  static double budgetLeft(SliEventStore.Counts period, double objective) {
    return 1 - burnRate(period, objective);
  }

  /** Multiwindow: the alert fires only while both windows burn at least at the threshold. */
  static boolean fires(double longBurn, double shortBurn, double threshold) {
    return longBurn >= threshold && shortBurn >= threshold;
  }
}
