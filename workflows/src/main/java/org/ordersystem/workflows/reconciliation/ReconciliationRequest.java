package org.ordersystem.workflows.reconciliation;

/**
 * One run's input.
 *
 * @param trigger what started it: {@code schedule}, {@code timer} or {@code manual}
 */
public record ReconciliationRequest(String trigger, ReconciliationSettings settings) {}
