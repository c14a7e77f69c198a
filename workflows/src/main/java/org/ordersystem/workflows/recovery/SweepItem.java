package org.ordersystem.workflows.recovery;

import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;

/**
 * What one sweep did with one order.
 *
 * @param status the order's status when the sweep found it
 * @param reason the pending reason, or for a stale CREATING order its workflow's liveness
 * @param why why the sweep decided so, for people
 * @param outcome the status after a retry or rollback settled; null for WAIT, REPORT or a refusal
 * @param refusal the order's refusal of the action, {@code TYPE: detail}; else null
 */
public record SweepItem(
    String orderId,
    OrderStatus status,
    OrderStep step,
    String reason,
    SweepDecision decision,
    String why,
    OrderStatus outcome,
    String refusal) {}
