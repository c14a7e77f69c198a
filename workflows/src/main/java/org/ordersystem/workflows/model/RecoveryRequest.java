package org.ordersystem.workflows.model;

/**
 * An operator's or the recovery sweep's decision about a PENDING order ({@code retry} or {@code
 * rollback}).
 *
 * @param requestedBy who decided: an operator's name, {@code recovery-sweep}, or {@code
 *     reconciliation}; kept in the order's detail and the logs
 * @param note why, for the people who read the order later; may be null
 */
public record RecoveryRequest(String requestedBy, String note) {}
