package org.ordersystem.api.orders;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

/**
 * An order as the API answers it (amounts in JPY).
 *
 * @param step the step running now, the step that failed, or COMPLETED
 * @param reason for REJECTED or CANCELLED orders, the failure type such as OUT_OF_STOCK
 * @param shipmentState where the parcel stands: NONE until shipping is registered, then CREATED,
 *     DISPATCHED, DELIVERED, or CANCELLED
 * @param refundedAmount JPY returned to the customer by completed refunds
 * @param pending why and since when a PENDING order stopped; null in every other status
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
    ShipmentState shipmentState,
    @Schema(description = "JPY returned by completed refunds.", example = "0") long refundedAmount,
    @Schema(
            description = "Why and since when a PENDING order stopped; null in every other status.",
            nullable = true)
        Pending pending,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Why a PENDING order stopped: it waits for an operator's or the recovery sweep's retry or
   * rollback.
   *
   * @param step the step that ran out of its retry budget
   * @param reason the last failure's type, such as STEP_TIMED_OUT
   * @param message the last failure's message
   * @param since when the order became PENDING this time
   * @param attempts retry budgets the step has used up: 1 the first time, one more after every
   *     retry that ended PENDING again
   * @param rollbackAllowed false once capture has begun: only a retry can help then
   */
  @Schema(name = "Pending")
  public record Pending(
      OrderStep step,
      @Schema(example = "STEP_TIMED_OUT") String reason,
      String message,
      Instant since,
      @Schema(example = "1") int attempts,
      boolean rollbackAllowed) {

    static Pending from(PendingInfo p) {
      return p == null
          ? null
          : new Pending(
              p.step(), p.reason(), p.message(), p.since(), p.attempts(), p.rollbackAllowed());
    }
  }

  /** One priced line. */
  public record Line(String sku, int quantity, long unitPrice, long amount) {}

  /** How the order is paid: one leg per funding source. */
  public record Payment(List<Leg> legs) {}

  /**
   * One funding source's part of the payment and where it stands.
   *
   * @param legId "1", "2", ... in the order of the request's sources
   * @param state NEW (not tried yet), AUTHORIZED (reserved, card authorized), CAPTURED (posted,
   *     card captured) or VOIDED (released, card voided)
   * @param pspAuthorizationId the card provider's authorization of a CARD leg once it authorized:
   *     what an operator looks up at the provider; null for other legs and before
   */
  public record Leg(
      @Schema(example = "1") String legId,
      SourceType type,
      @Schema(description = "JPY; for POINTS, points.", example = "2000") long amount,
      @Schema(
              description =
                  "NEW: not tried yet; AUTHORIZED: reserved (card authorized); CAPTURED: posted"
                      + " (card captured); VOIDED: released (card voided).")
          LegState state,
      @Schema(
              description =
                  "CARD legs: the card provider's authorization, once authorized; else null.",
              example = "auth_3f2a9c")
          String pspAuthorizationId) {}

  /**
   * The order as the request describes it, for a 202 before the workflow wrote anything. Leg ids
   * follow the sources' order from 1, as the workflow numbers them. Built here rather than as an
   * {@link OrderView}, so the API never constructs the workflow's records, only reads them.
   */
  static OrderResponse creating(PlaceOrderRequest r) {
    List<Line> lines =
        r.lines().stream()
            .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.amount()))
            .toList();
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < r.paymentSources().size(); i++) {
      PaymentSource s = r.paymentSources().get(i);
      legs.add(new Leg(String.valueOf(i + 1), s.type(), s.amount(), LegState.NEW, null));
    }
    return new OrderResponse(
        r.orderId(),
        OrderStatus.CREATING,
        OrderStep.RESERVE_STOCK,
        List.of(),
        r.total(),
        null,
        null,
        r.customerId(),
        lines,
        new Payment(List.copyOf(legs)),
        null,
        ShipmentState.NONE,
        0,
        null,
        null,
        null);
  }

  /** The order as the workflow answered an update or a query. */
  public static OrderResponse from(OrderView v) {
    return from(StoredOrder.of(v));
  }

  /** The order as the read model holds it. */
  public static OrderResponse from(StoredOrder o) {
    List<Line> lines =
        o.lines().stream()
            .map(l -> new Line(l.sku(), l.quantity(), l.unitPrice(), l.amount()))
            .toList();
    List<Leg> legs =
        o.legs().stream()
            .map(l -> new Leg(l.legId(), l.type(), l.amount(), l.state(), l.pspAuthorizationId()))
            .toList();
    return new OrderResponse(
        o.orderId(),
        o.status(),
        o.step(),
        o.stepsDone(),
        o.total(),
        o.reason(),
        o.reasonDetail(),
        o.customerId(),
        lines,
        new Payment(legs),
        o.trackingNumber(),
        o.shipmentState(),
        o.refundedAmount(),
        Pending.from(o.pending()),
        o.createdAt(),
        o.updatedAt());
  }
}
