package org.ordersystem.api.orders;

import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.SourceType;

/**
 * An order as the API answers it (amounts in JPY).
 *
 * @param step the step running now, the step that failed, or COMPLETED
 * @param reason for REJECTED or CANCELLED orders, the failure type such as OUT_OF_STOCK
 * @param createdAt null while the order is only known from the request (a 202 answer)
 */
public record OrderResponse(
    String orderId,
    OrderStatus status,
    OrderStep step,
    List<OrderStep> stepsDone,
    long total,
    String reason,
    String reasonDetail,
    String customerId,
    List<Line> lines,
    Payment payment,
    String trackingNumber,
    Instant createdAt,
    Instant updatedAt) {

  /** One priced line. */
  public record Line(String sku, int quantity, long unitPrice, long amount) {}

  /** How the order is paid: one leg per funding source. */
  public record Payment(List<Leg> legs) {}

  /** One funding source's part of the payment and where it stands. */
  public record Leg(String legId, SourceType type, long amount, LegState state) {}

  static OrderResponse from(OrderView v) {
    List<Line> lines =
        v.lines() == null
            ? List.of()
            : v.lines().stream()
                .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.amount()))
                .toList();
    List<Leg> legs =
        v.legs() == null
            ? List.of()
            : v.legs().stream()
                .map(l -> new Leg(l.legId(), l.type(), l.amount(), l.state()))
                .toList();
    return new OrderResponse(
        v.orderId(),
        v.status(),
        v.step(),
        v.stepsDone() == null ? List.of() : v.stepsDone(),
        v.total(),
        v.reason(),
        v.reasonDetail(),
        v.customerId(),
        lines,
        new Payment(legs),
        v.trackingNumber(),
        v.createdAt(),
        v.updatedAt());
  }
}
