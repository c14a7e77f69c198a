package org.ordersystem.workflows.recovery;

import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.PendingInfo;

/**
 * How a retry or rollback ended.
 *
 * @param status the order's status once the action settled (final, or PENDING again); null when the
 *     order refused the action
 * @param pending why it is PENDING again; else null
 * @param refusal the order's refusal, {@code TYPE: detail} (someone else decided first, or a
 *     rollback after capture began); else null
 */
public record RecoveryOutcome(
    String orderId, OrderStatus status, PendingInfo pending, String refusal) {}
