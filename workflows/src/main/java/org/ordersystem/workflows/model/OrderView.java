package org.ordersystem.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * An order as the workflow knows it: answered by the query and returned by its updates, and handed
 * to the read model at every transition. Each other audience has a record of its own: the read
 * model stores it as a {@code StoredOrder} row, the API answers an {@code OrderResponse}, and
 * Continue-As-New carries an {@link OrderSnapshot}.
 *
 * @param step the step running now, the step that failed, or COMPLETED
 * @param stepsDone the steps finished, in order
 * @param reason for REJECTED or CANCELLED, the failure type (such as OUT_OF_STOCK); else null
 * @param reasonDetail a human-readable explanation of the reason; else null
 * @param trackingNumber the carrier's number once shipping is registered; else null
 * @param version grows by one at every transition, so read-model writes never regress
 * @param shipmentState where the parcel stands
 * @param refundedAmount JPY returned to the customer by completed refunds
 * @param pending why and since when the order is PENDING; null in every other status
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
    Instant updatedAt,
    ShipmentState shipmentState,
    long refundedAmount,
    PendingInfo pending) {

  /** An order that is not PENDING. */
  public OrderView(
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
      long refundedAmount) {
    this(
        orderId,
        shopId,
        customerId,
        status,
        step,
        stepsDone,
        total,
        reason,
        reasonDetail,
        lines,
        legs,
        trackingNumber,
        version,
        createdAt,
        updatedAt,
        shipmentState,
        refundedAmount,
        null);
  }

  /** An order with no shipment news and nothing refunded, the shape it had before those. */
  public OrderView(
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
      Instant updatedAt) {
    this(
        orderId,
        shopId,
        customerId,
        status,
        step,
        stepsDone,
        total,
        reason,
        reasonDetail,
        lines,
        legs,
        trackingNumber,
        version,
        createdAt,
        updatedAt,
        trackingNumber == null ? ShipmentState.NONE : ShipmentState.CREATED,
        0);
  }
}
