package org.ordersystem.workflows.recovery;

import org.ordersystem.workflows.model.RecoveryRequest;

/**
 * A retry or rollback the sweep sends to one order.
 *
 * @param decision {@link SweepDecision#RETRY} or {@link SweepDecision#ROLLBACK}
 */
public record RecoveryCommand(String orderId, SweepDecision decision, RecoveryRequest request) {}
