package org.ordersystem.workflows;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of {@link OrderWorkflowImpl}, injected by the worker through the workflow factory. Every
 * worker of a task queue must use the same settings, since they shape the workflow's commands.
 *
 * @param stepRetryBudget how long a step before capture (reserve, authorize, register shipping)
 *     keeps retrying transient failures before the order is rolled back with STEP_TIMED_OUT
 * @param refundWindow how long a completed order stays open for refunds and shipment updates
 * @param continueAsNewAfterEvents history length at which a completed order's run hands its state
 *     to a new run, unless the server suggests it earlier; bounds what a worker replays
 */
public record OrderWorkflowSettings(
    Duration stepRetryBudget, Duration refundWindow, int continueAsNewAfterEvents) {

  /** Long enough to ride out a short outage of a service, short enough to answer the shop. */
  public static final Duration DEFAULT_STEP_RETRY_BUDGET = Duration.ofMinutes(5);

  /** A month: the usual return period of online shops. */
  public static final Duration DEFAULT_REFUND_WINDOW = Duration.ofDays(30);

  /** The server's own suggestion threshold (4Ki events); an order rarely gets near it. */
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 4_096;

  /**
   * Below this a new run, which starts with a handful of events, could continue again at once and
   * never settle.
   */
  public static final int MIN_CONTINUE_AS_NEW_AFTER_EVENTS = 20;

  public OrderWorkflowSettings {
    requirePositive(stepRetryBudget, "stepRetryBudget");
    requirePositive(refundWindow, "refundWindow");
    if (continueAsNewAfterEvents < MIN_CONTINUE_AS_NEW_AFTER_EVENTS) {
      throw new IllegalArgumentException(
          "continueAsNewAfterEvents must be at least "
              + MIN_CONTINUE_AS_NEW_AFTER_EVENTS
              + ": "
              + continueAsNewAfterEvents);
    }
  }

  /** The default refund window and history bound. */
  public OrderWorkflowSettings(Duration stepRetryBudget) {
    this(stepRetryBudget, DEFAULT_REFUND_WINDOW);
  }

  /** The default history bound. */
  public OrderWorkflowSettings(Duration stepRetryBudget, Duration refundWindow) {
    this(stepRetryBudget, refundWindow, DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS);
  }

  /** The settings used when none are given. */
  public static OrderWorkflowSettings defaults() {
    return new OrderWorkflowSettings(DEFAULT_STEP_RETRY_BUDGET);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
