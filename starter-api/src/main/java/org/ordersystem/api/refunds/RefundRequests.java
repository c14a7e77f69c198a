package org.ordersystem.api.refunds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.orders.OrderReader;
import org.ordersystem.api.orders.OrderUpdates;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.api.orders.UpdateOutcome;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.FieldError;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.web.BodyValidator;
import org.ordersystem.api.web.IdempotencyKeyHeader;
import org.ordersystem.readmodel.ReadModelException;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Requests a refund: validates the body, names the refund after the request's Idempotency-Key, and
 * sends the order workflow's validated {@code requestRefund} update, which decides whether the
 * refund is possible and runs refunds of one order one at a time.
 *
 * <p>The API writes nothing itself: a refused request leaves no trace anywhere, and a retried one
 * names the same refund, which the workflow answers with its first result.
 */
@Component
public class RefundRequests {

  /** The answer: 201 completed now, 200 completed before (a replay), 202 not completed yet. */
  public record Requested(HttpStatus status, RefundResponse refund) {}

  private final OrderReader orders;
  private final RefundReader refunds;
  private final OrderUpdates updates;
  private final OrderWorkflowGateway workflows;
  private final BodyValidator validator;
  private final Duration acceptTimeout;

  public RefundRequests(
      OrderReader orders,
      RefundReader refunds,
      OrderUpdates updates,
      OrderWorkflowGateway workflows,
      BodyValidator validator,
      ApiProperties properties) {
    this.orders = orders;
    this.validator = validator;
    this.refunds = refunds;
    this.updates = updates;
    this.workflows = workflows;
    this.acceptTimeout = properties.acceptTimeout();
  }

  public Requested request(Caller caller, String orderId, String idempotencyKey, RefundBody body) {
    List<FieldError> errors = new ArrayList<>();
    IdempotencyKeyHeader.check(idempotencyKey).ifPresent(errors::add);
    errors.addAll(validator.errors(body));
    if (!errors.isEmpty()) {
      throw ApiProblem.validation(errors);
    }
    StoredOrder order = orders.findVisible(caller, orderId);
    String refundId = RefundIds.of(orderId, caller, idempotencyKey);
    RefundRequest request =
        new RefundRequest(refundId, body.amount(), body.refundLines(), body.reason());
    boolean completedBefore =
        known(orderId, refundId).filter(r -> r.status() == RefundStatus.COMPLETED).isPresent();

    UpdateOutcome<RefundView> outcome;
    try {
      outcome = updates.requestRefund(orderId, request, acceptTimeout);
    } catch (ApiProblem refused) {
      throw catchingUp(orderId, refused);
    }
    if (outcome instanceof UpdateOutcome.Completed<RefundView> done) {
      return answer(done.result(), completedBefore);
    }
    if (outcome instanceof UpdateOutcome.Accepted<RefundView>) {
      // Not finished in time: answer with what is known; a completion that landed meanwhile counts.
      return known(orderId, refundId)
          .map(refund -> answer(refund, completedBefore))
          .orElseGet(
              () -> new Requested(HttpStatus.ACCEPTED, RefundResponse.requested(request, order)));
    }
    StoredOrder latest = orders.find(orderId).orElse(order);
    throw new ApiProblem(
        ProblemType.ORDER_NOT_REFUNDABLE,
        "Order " + orderId + " is " + latest.status() + " and no longer takes refunds.");
  }

  /**
   * A refusal because the order's workflow has not completed the order while its records say it
   * did: the workflow lost a task whose calls completed the order before the server recorded it,
   * and runs them again from its last recorded step (docs/reliability.md); it catches up within
   * seconds. Answered 503, to be retried with the same key, rather than a 409 that says the order
   * takes no refunds. Any other refusal stands.
   */
  private ApiProblem catchingUp(String orderId, ApiProblem refused) {
    if (refused.problemType() != ProblemType.ORDER_NOT_REFUNDABLE) {
      return refused;
    }
    OrderStatus recorded = orders.find(orderId).map(StoredOrder::status).orElse(null);
    if (recorded != OrderStatus.COMPLETED && recorded != OrderStatus.PARTIALLY_REFUNDED) {
      return refused;
    }
    OrderStatus running = workflows.query(orderId).map(OrderView::status).orElse(null);
    if (running == null || running.isFinal()) {
      return refused;
    }
    return new ApiProblem(
        ProblemType.SERVICE_UNAVAILABLE,
        "Order "
            + orderId
            + " is "
            + recorded
            + " in its records while its workflow is still catching up with them ("
            + running
            + "); retry later (the request is safe to repeat).");
  }

  private static Requested answer(RefundView refund, boolean completedBefore) {
    HttpStatus status =
        refund.status() != RefundStatus.COMPLETED
            ? HttpStatus.ACCEPTED
            : completedBefore ? HttpStatus.OK : HttpStatus.CREATED;
    return new Requested(status, RefundResponse.from(refund));
  }

  /**
   * The refund if already known. Only makes answers nicer (200 for a replay, the stored state in a
   * 202), so an outage here is not worth failing the request for.
   */
  private Optional<RefundView> known(String orderId, String refundId) {
    try {
      return refunds.find(orderId, refundId);
    } catch (ReadModelException e) {
      return Optional.empty();
    } catch (ApiProblem e) {
      if (e.problemType() == ProblemType.SERVICE_UNAVAILABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
