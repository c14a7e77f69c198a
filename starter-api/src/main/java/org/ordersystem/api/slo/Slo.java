package org.ordersystem.api.slo;

/** The objectives the system holds itself to; README and docs/runbook.md say why these. */
public enum Slo {

  /**
   * Order acceptance (availability): a shop's POST /api/v1/orders gets a decision, accepted or
   * rejected, within the accept timeout. Bad: 5xx, 429 (shed) and 202 (not decided in time). Bad
   * requests (other 4xx) are the client's and do not count.
   */
  ORDER_ACCEPTANCE(
      "order-acceptance",
      "POST /api/v1/orders decided (accepted or rejected) within the accept timeout",
      "OrderAcceptanceBurn"),

  /**
   * Order completion (latency): a placed order reaches a final state (completed, rejected,
   * cancelled) within the completion threshold. Bad: still CREATING or PENDING then.
   */
  ORDER_COMPLETION(
      "order-completion",
      "placed orders final (completed, rejected or cancelled) within the completion threshold",
      "OrderCompletionBurn");

  private final String id;
  private final String description;
  private final String alertPrefix;

  Slo(String id, String description, String alertPrefix) {
    this.id = id;
    this.description = description;
    this.alertPrefix = alertPrefix;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /**
   * The alert's name for a severity, which is also its runbook section: {@code
   * OrderAcceptanceBurnPage}, {@code OrderCompletionBurnTicket}, ...
   */
  public String alertName(SloProperties.Severity severity) {
    return alertPrefix + (severity == SloProperties.Severity.PAGE ? "Page" : "Ticket");
  }
}
