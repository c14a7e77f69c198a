package org.ordersystem.workflows.recovery;

import java.time.Instant;
import org.ordersystem.workflows.model.PendingInfo;

/**
 * One JSON message to the notification webhook. Delivery is at least once: receivers deduplicate by
 * {@code notificationId}, which is the same on every redelivery.
 *
 * @param orderId for ORDER_PENDING and ORDER_UNRESOLVED; else null
 * @param pending for ORDER_PENDING; else null
 * @param sweep for SWEEP_SUMMARY; else null
 * @param detail a sentence for people (why it is unresolved, ...)
 */
public record Notification(
    String notificationId,
    NotificationType type,
    Instant occurredAt,
    String orderId,
    String shopId,
    PendingInfo pending,
    SweepSummary sweep,
    String detail) {}
