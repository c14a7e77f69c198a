package org.ordersystem.workflows.reconciliation;

/**
 * What one run decided about one mismatch or PENDING order.
 *
 * @param mismatchId the stored mismatch; 0 for a PENDING order without one
 * @param outcome how the action ended ({@code done}, the order's status, a refusal or failure)
 */
public record ReconciliationItem(
    long mismatchId,
    String reference,
    MismatchClass mismatchClass,
    ResolutionAction action,
    String why,
    String outcome) {}
