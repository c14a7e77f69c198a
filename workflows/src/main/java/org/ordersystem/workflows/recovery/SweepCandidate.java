package org.ordersystem.workflows.recovery;

import java.time.Instant;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;

/**
 * An order the read model shows as PENDING, or CREATING with no transition since {@code updatedAt}.
 *
 * @param pending for a PENDING order its step, reason, since and attempts; null for CREATING
 */
public record SweepCandidate(
    String orderId,
    String shopId,
    OrderStatus status,
    OrderStep step,
    PendingInfo pending,
    Instant createdAt,
    Instant updatedAt) {}
