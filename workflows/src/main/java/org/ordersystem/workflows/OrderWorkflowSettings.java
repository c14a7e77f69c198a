package org.ordersystem.workflows;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of {@link OrderWorkflowImpl}, injected by the worker through the workflow factory. Every
 * worker of a task queue must use the same settings, since they shape the workflow's commands.
 *
 * @param stepRetryBudget how long a step before capture (reserve, authorize, register shipping)
 *     keeps retrying transient failures before the order is rolled back with STEP_TIMED_OUT
 */
public record OrderWorkflowSettings(Duration stepRetryBudget) {

  /** Long enough to ride out a short outage of a service, short enough to answer the shop. */
  public static final Duration DEFAULT_STEP_RETRY_BUDGET = Duration.ofMinutes(5);

  public OrderWorkflowSettings {
    Objects.requireNonNull(stepRetryBudget, "stepRetryBudget");
    if (stepRetryBudget.isNegative() || stepRetryBudget.isZero()) {
      throw new IllegalArgumentException("stepRetryBudget must be positive: " + stepRetryBudget);
    }
  }

  /** The settings used when none are given. */
  public static OrderWorkflowSettings defaults() {
    return new OrderWorkflowSettings(DEFAULT_STEP_RETRY_BUDGET);
  }
}
