package org.ordersystem.readmodel;

import java.time.Instant;
import java.util.List;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.ShipmentState;

/**
 * One row of the order read model with its lines: what the API lists and reads, what reconciliation
 * inspects once a workflow has closed.
 *
 * <p>The workflow's own records stay the workflow's: {@link OrderView} answers its query and
 * updates, {@code OrderSnapshot} carries it across Continue-As-New. The row is written from the
 * view ({@link #of}) and may hold less: the writer clips free text to its columns.
 *
 * @param version grows by one at every transition of the order; the writer keeps the newest
 * @param pending why and since when the order is PENDING; null in every other status
 */
public record StoredOrder(
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

  public StoredOrder {
    stepsDone = stepsDone == null ? List.of() : List.copyOf(stepsDone);
    lines = lines == null ? List.of() : List.copyOf(lines);
    legs = legs == null ? List.of() : List.copyOf(legs);
    shipmentState = shipmentState == null ? ShipmentState.NONE : shipmentState;
  }

  /**
   * The row the workflow's view becomes: also how the API answers from a running workflow before
   * its first row is written, so an answer does not change shape when the row lands.
   */
  public static StoredOrder of(OrderView view) {
    return new StoredOrder(
        view.orderId(),
        view.shopId(),
        view.customerId(),
        view.status(),
        view.step(),
        view.stepsDone(),
        view.total(),
        view.reason(),
        view.reasonDetail(),
        view.lines(),
        view.legs(),
        view.trackingNumber(),
        view.version(),
        view.createdAt(),
        view.updatedAt(),
        view.shipmentState(),
        view.refundedAmount(),
        view.pending());
  }
}
