package org.ordersystem.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * A refund as the order workflow knows it; returned by the refund update and kept in the read
 * model.
 *
 * @param amount JPY refunded in all (for line refunds, the lines' amount)
 * @param lines units returned and restocked (empty for an amount refund)
 * @param legRefunds how the amount was split over the payment legs, in refund order
 * @param shipmentCancelled whether this refund cancelled the shipment (full refund before dispatch)
 * @param completedAt null until COMPLETED
 */
public record RefundView(
    String refundId,
    String orderId,
    RefundStatus status,
    long amount,
    List<RefundLine> lines,
    String reason,
    List<LegRefund> legRefunds,
    boolean shipmentCancelled,
    Instant requestedAt,
    Instant completedAt) {}
