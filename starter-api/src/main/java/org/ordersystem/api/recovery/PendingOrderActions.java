package org.ordersystem.api.recovery;

import java.time.Duration;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.orders.OrderReader;
import org.ordersystem.api.orders.OrderResponse;
import org.ordersystem.api.orders.OrderUpdates;
import org.ordersystem.api.orders.UpdateOutcome;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * An operator's retry or rollback of a PENDING order, through the workflow's validated {@code
 * retryPending} and {@code rollbackPending} updates: the workflow alone decides, atomically,
 * whether the order is still PENDING and may still be rolled back, so two operators (or an operator
 * and the recovery sweep) acting at once cannot both win.
 */
@Component
public class PendingOrderActions {

  /** The answer: 200 settled (final, or PENDING again), 202 accepted and still running. */
  public record Answer(HttpStatus status, OrderResponse order) {}

  /** What is asked of the order. */
  enum Action {
    RETRY("retried"),
    ROLLBACK("rolled back");

    private final String done;

    Action(String done) {
      this.done = done;
    }
  }

  static final int MAX_NOTE_LENGTH = 500;

  private final OrderReader reader;
  private final OrderUpdates updates;
  private final Duration wait;

  public PendingOrderActions(OrderReader reader, OrderUpdates updates, RecoveryWaits waits) {
    this.reader = reader;
    this.updates = updates;
    this.wait = waits.actionWait();
  }

  public Answer retry(Caller caller, String orderId, PendingOrderController.RecoveryNoteBody body) {
    return act(Action.RETRY, caller, orderId, body);
  }

  public Answer rollback(
      Caller caller, String orderId, PendingOrderController.RecoveryNoteBody body) {
    return act(Action.ROLLBACK, caller, orderId, body);
  }

  private Answer act(
      Action action, Caller caller, String orderId, PendingOrderController.RecoveryNoteBody body) {
    RecoveryRequest request =
        new RecoveryRequest("operator:" + caller.name(), body == null ? null : body.note());
    StoredOrder order = reader.findVisible(caller, orderId);
    UpdateOutcome<OrderView> outcome =
        action == Action.RETRY
            ? updates.retryPending(orderId, request, wait)
            : updates.rollbackPending(orderId, request, wait);
    if (outcome instanceof UpdateOutcome.Completed<OrderView> done) {
      return new Answer(HttpStatus.OK, OrderResponse.from(done.result()));
    }
    if (outcome instanceof UpdateOutcome.Accepted<OrderView>) {
      return new Answer(HttpStatus.ACCEPTED, OrderResponse.from(asItStands(orderId, order)));
    }
    StoredOrder now = reader.find(orderId).orElse(order);
    if (now.status().isFinal()) {
      throw new ApiProblem(
          ProblemType.ORDER_NOT_PENDING,
          "Order "
              + orderId
              + " is "
              + now.status()
              + "; only a PENDING order can be "
              + action.done
              + ".");
    }
    // The read model says PENDING or CREATING, but no workflow runs for the order: terminated,
    // failed or timed out (or lost with an in-memory server). It still holds what it reserved, and
    // a reset resumes it: its steps are idempotent by business keys, so none is done twice.
    throw new ApiProblem(
        ProblemType.WORKFLOW_NOT_RUNNING,
        "Order "
            + orderId
            + " is "
            + now.status()
            + " but its workflow is not running (terminated, failed or timed out); it cannot be "
            + action.done
            + " here. Reset workflow "
            + PlaceOrderRequest.workflowId(orderId)
            + " to its last workflow task (Temporal UI, or temporal workflow reset --type"
            + " LastWorkflowTask) to resume it where it stopped.");
  }

  /**
   * The order from its workflow, which knows the step it is running again before the read model
   * does; the order as read before when the workflow cannot answer now. The update was accepted
   * either way, so a slow query must not turn the answer into an error that invites a second try.
   */
  private StoredOrder asItStands(String orderId, StoredOrder before) {
    try {
      return reader.fromWorkflow(orderId).orElse(before);
    } catch (ApiProblem e) {
      if (e.problemType() == ProblemType.SERVICE_UNAVAILABLE) {
        return before;
      }
      throw e;
    }
  }
}
