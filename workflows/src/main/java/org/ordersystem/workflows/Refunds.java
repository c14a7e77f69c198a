package org.ordersystem.workflows;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ordersystem.workflows.RefundWorkflow.RefundOutcome;
import org.ordersystem.workflows.RefundWorkflow.RefundPlan;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;

/**
 * The refunds of one order, oldest first: what each may take and what it returned. Everything is
 * derived from the refunds themselves (money per leg, units per sku), so the book a run hands to
 * the next one (Continue-As-New) is just the list.
 *
 * <p>A refund is checked against what is left after the refunds COMPLETED <em>and</em> the ones
 * queued before it, on the workflow thread, so racing requests are serialized: the total never
 * exceeds what was captured, and no sku is returned more often than it was sold.
 */
final class Refunds {

  /** Longer ids would not fit the child workflow id and the read model's key. */
  static final int MAX_REFUND_ID_LENGTH = 100;

  /** A request that passed the checks: its amount in JPY and its lines merged per sku. */
  record Checked(long amount, List<RefundLine> lines) {}

  private final List<RefundView> refunds = new ArrayList<>();

  /** COMPLETED in the workflow, not yet in the read model: their callers wait a little more. */
  private final Set<String> unrecorded = new HashSet<>();

  Refunds(List<RefundView> previous) {
    refunds.addAll(previous);
  }

  List<RefundView> all() {
    return List.copyOf(refunds);
  }

  RefundView find(String refundId) {
    return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst().orElse(null);
  }

  boolean hasQueued() {
    return refunds.stream().anyMatch(r -> r.status() == RefundStatus.REQUESTED);
  }

  /** The oldest refund not run yet; refunds run in the order they were accepted. */
  RefundView nextQueued() {
    return refunds.stream()
        .filter(r -> r.status() == RefundStatus.REQUESTED)
        .findFirst()
        .orElseThrow();
  }

  /** Whether the refund is COMPLETED and recorded, so its caller can be answered. */
  boolean isSettled(String refundId) {
    RefundView refund = find(refundId);
    return refund != null
        && refund.status() == RefundStatus.COMPLETED
        && !unrecorded.contains(refundId);
  }

  /**
   * Checks a request against the order and the refunds so far. Throws the rejection the update
   * answers with.
   *
   * @param windowEndsAt the end of the refund window, or null while it has not opened
   * @return null for a replay of a known refund id with the same parameters; else the checked
   *     request
   */
  Checked check(RefundRequest request, OrderView order, Instant now, Instant windowEndsAt) {
    if (request == null
        || request.refundId() == null
        || request.refundId().isBlank()
        || request.refundId().length() > MAX_REFUND_ID_LENGTH) {
      throw invalid("A refund needs an id of 1 to " + MAX_REFUND_ID_LENGTH + " characters.");
    }
    RefundView known = find(request.refundId());
    if (known != null) {
      if (sameParameters(known, request)) {
        return null;
      }
      throw UpdateRejections.rejection(
          UpdateRejections.IDEMPOTENCY_CONFLICT,
          "Refund " + request.refundId() + " was requested before with other parameters.");
    }
    OrderStatus status = order.status();
    if (status != OrderStatus.COMPLETED && status != OrderStatus.PARTIALLY_REFUNDED) {
      throw notRefundable(
          "Order "
              + order.orderId()
              + " is "
              + status
              + "; only a COMPLETED or PARTIALLY_REFUNDED"
              + " order is refunded.");
    }
    if (windowEndsAt != null && !now.isBefore(windowEndsAt)) {
      throw notRefundable(
          "The refund window of order " + order.orderId() + " closed at " + windowEndsAt + ".");
    }
    boolean hasLines = request.lines() != null && !request.lines().isEmpty();
    if ((request.amount() == null) == !hasLines) {
      throw invalid("Give either an amount or lines to refund, not both.");
    }
    Checked checked = hasLines ? checkLines(request.lines(), order) : checkAmount(request.amount());
    long left = order.total() - refundedAndQueued();
    if (checked.amount() > left) {
      throw invalid(
          "A refund of "
              + checked.amount()
              + " JPY exceeds the "
              + left
              + " JPY of order "
              + order.orderId()
              + " left to refund.");
    }
    return checked;
  }

  /** Accepts a checked request: it runs after the refunds queued before it. */
  RefundView queue(RefundRequest request, Checked checked, OrderView order, Instant now) {
    RefundView queued =
        new RefundView(
            request.refundId(),
            order.orderId(),
            RefundStatus.REQUESTED,
            checked.amount(),
            checked.lines(),
            request.reason(),
            List.of(),
            false,
            now,
            null);
    refunds.add(queued);
    return queued;
  }

  /** What the next refund returns, from what the refunds before it returned. */
  RefundPlan plan(RefundView refund, OrderView order) {
    return RefundPlanner.plan(refund, order, completed());
  }

  /** Marks a refund COMPLETED; it settles once {@link #recorded} says it is in the read model. */
  RefundView complete(RefundPlan plan, RefundOutcome outcome, Instant now) {
    RefundView running = find(plan.refundId());
    RefundView done =
        new RefundView(
            running.refundId(),
            running.orderId(),
            RefundStatus.COMPLETED,
            running.amount(),
            running.lines(),
            running.reason(),
            plan.legRefunds(),
            outcome.shipmentCancelled(),
            running.requestedAt(),
            now);
    refunds.set(refunds.indexOf(running), done);
    unrecorded.add(done.refundId());
    return done;
  }

  void recorded(String refundId) {
    unrecorded.remove(refundId);
  }

  private List<RefundView> completed() {
    return refunds.stream().filter(r -> r.status() == RefundStatus.COMPLETED).toList();
  }

  private long refundedAndQueued() {
    return refunds.stream().mapToLong(RefundView::amount).sum();
  }

  private static Checked checkAmount(long amount) {
    if (amount < 1) {
      throw invalid("A refund amount is at least 1 JPY: " + amount + ".");
    }
    return new Checked(amount, List.of());
  }

  /** Known skus, at least one unit each, never more units than sold and not yet claimed. */
  private Checked checkLines(List<RefundLine> lines, OrderView order) {
    for (RefundLine line : lines) {
      if (line == null || line.sku() == null || line.quantity() < 1) {
        throw invalid("Each refund line needs a sku and at least 1 unit: " + line + ".");
      }
    }
    List<RefundLine> merged = merge(lines);
    long amount = 0;
    for (RefundLine line : merged) {
      OrderLine sold =
          order.lines().stream().filter(l -> l.sku().equals(line.sku())).findFirst().orElse(null);
      if (sold == null) {
        throw invalid("Order " + order.orderId() + " has no line of sku " + line.sku() + ".");
      }
      int left = RefundPlanner.unitsSold(order, line.sku()) - unitsClaimed(line.sku());
      if (line.quantity() > left) {
        throw invalid(
            line.quantity()
                + " units of "
                + line.sku()
                + " exceed the "
                + left
                + " left to refund.");
      }
      amount += sold.unitPrice() * line.quantity();
    }
    return new Checked(amount, merged);
  }

  /** Units of a sku returned by every refund, queued or completed. */
  private int unitsClaimed(String sku) {
    return refunds.stream()
        .flatMap(r -> r.lines().stream())
        .filter(line -> line.sku().equals(sku))
        .mapToInt(RefundLine::quantity)
        .sum();
  }

  private static boolean sameParameters(RefundView known, RefundRequest request) {
    if (!Objects.equals(known.reason(), request.reason())) {
      return false;
    }
    boolean hasLines = request.lines() != null && !request.lines().isEmpty();
    if (hasLines) {
      return request.amount() == null
          && request.lines().stream().allMatch(l -> l != null && l.sku() != null)
          && merge(request.lines()).equals(known.lines());
    }
    return known.lines().isEmpty()
        && request.amount() != null
        && request.amount() == known.amount();
  }

  /** Units per sku, in the order skus first appear. */
  static List<RefundLine> merge(List<RefundLine> lines) {
    Map<String, Integer> units = new LinkedHashMap<>();
    lines.forEach(line -> units.merge(line.sku(), line.quantity(), Integer::sum));
    List<RefundLine> merged = new ArrayList<>();
    units.forEach((sku, quantity) -> merged.add(new RefundLine(sku, quantity)));
    return List.copyOf(merged);
  }

  private static ApplicationFailure invalid(String message) {
    return UpdateRejections.rejection(UpdateRejections.INVALID_REFUND, message);
  }

  private static ApplicationFailure notRefundable(String message) {
    return UpdateRejections.rejection(UpdateRejections.ORDER_NOT_REFUNDABLE, message);
  }
}
