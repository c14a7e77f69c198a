package org.ordersystem.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * An order as one run of its workflow hands it to the next (Continue-As-New): everything the
 * order's state machine needs to carry on where the previous run stopped.
 *
 * <p>It is the contract between runs of different deployments, so it changes only by adding fields;
 * its JSON names are those {@link OrderView} had when it also carried the order across runs, so
 * runs continued by an older deployment still start. Unlike the view, it is never shown to anyone:
 * the view may change for its readers without touching running orders.
 */
public record OrderSnapshot(
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
    Instant updatedAt,
    ShipmentState shipmentState,
    long refundedAmount,
    PendingInfo pending) {}
