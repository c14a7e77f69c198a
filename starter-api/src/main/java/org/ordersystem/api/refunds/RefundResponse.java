package org.ordersystem.api.refunds;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.SourceType;

/**
 * A refund as the API answers it (amounts in JPY).
 *
 * @param amount JPY refunded in all; for a line refund, the lines at the prices they were ordered
 * @param lines units returned and restocked; empty for an amount refund
 * @param legRefunds how the amount goes back to the payment legs, in refund order; empty until the
 *     refund runs
 * @param shipmentCancelled whether this refund cancelled the shipment (a full refund before
 *     dispatch)
 * @param requestedAt null only in a 202 answered before the workflow could be read
 * @param completedAt null until COMPLETED
 */
@Schema(name = "Refund")
public record RefundResponse(
    @Schema(example = "6f1c2d4e-3b5a-5c7d-9e8f-0a1b2c3d4e5f") String refundId,
    String orderId,
    @Schema(description = "REQUESTED: accepted, queued or running; COMPLETED: money returned.")
        RefundStatus status,
    @Schema(example = "1200") long amount,
    List<Line> lines,
    String reason,
    List<LegRefund> legRefunds,
    boolean shipmentCancelled,
    Instant requestedAt,
    Instant completedAt) {

  /** Units of one sku returned. */
  @Schema(name = "RefundLine")
  public record Line(
      @Schema(example = "TSHIRT-M") String sku, @Schema(example = "1") int quantity) {}

  /** The part of the refund returned to one payment leg of the order. */
  public record LegRefund(
      @Schema(example = "1") String legId,
      SourceType type,
      @Schema(description = "JPY; for POINTS, points.", example = "500") long amount) {}

  static RefundResponse from(RefundView v) {
    return new RefundResponse(
        v.refundId(),
        v.orderId(),
        v.status(),
        v.amount(),
        v.lines() == null
            ? List.of()
            : v.lines().stream().map(l -> new Line(l.sku(), l.quantity())).toList(),
        v.reason(),
        v.legRefunds() == null
            ? List.of()
            : v.legRefunds().stream()
                .map(l -> new LegRefund(l.legId(), l.type(), l.amount()))
                .toList(),
        v.shipmentCancelled(),
        v.requestedAt(),
        v.completedAt());
  }

  /**
   * A refund the workflow accepted but could not be read back yet (a 202), described from the
   * request; a line refund is priced at the order's prices, as the workflow prices it.
   */
  static RefundResponse requested(RefundRequest r, StoredOrder order) {
    List<Line> lines =
        r.lines() == null
            ? List.of()
            : r.lines().stream().map(l -> new Line(l.sku(), l.quantity())).toList();
    long amount = r.amount() != null ? r.amount() : priceOf(lines, order);
    return new RefundResponse(
        r.refundId(),
        order.orderId(),
        RefundStatus.REQUESTED,
        amount,
        lines,
        r.reason(),
        List.of(),
        false,
        null,
        null);
  }

  private static long priceOf(List<Line> lines, StoredOrder order) {
    long amount = 0;
    for (Line line : lines) {
      for (OrderLine ordered : order.lines()) {
        if (ordered.sku().equals(line.sku())) {
          amount += ordered.unitPrice() * line.quantity();
        }
      }
    }
    return amount;
  }
}
