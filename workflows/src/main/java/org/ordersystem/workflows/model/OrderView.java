package org.ordersystem.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * An order as the workflow knows it: answered by the query, returned by the acceptance update and
 * written to the read model at every transition.
 *
 * @param step the step running now, the step that failed, or COMPLETED
 * @param stepsDone the steps finished, in order
 * @param reason for REJECTED or CANCELLED, the failure type (such as OUT_OF_STOCK); else null
 * @param reasonDetail a human-readable explanation of the reason; else null
 * @param trackingNumber the carrier's number once shipping is registered; else null
 * @param version grows by one at every transition, so read-model writes never regress
 */
public record OrderView(
    String orderId,
    String shopId,
    String customerId,
    OrderStatus status,
    OrderStep step,
    List<OrderStep> stepsDone,
    long total,
    String reason,
    String reasonDetail,
    List<OrderLine> lines,
    List<PaymentLeg> legs,
    String trackingNumber,
    long version,
    Instant createdAt,
    Instant updatedAt) {}
