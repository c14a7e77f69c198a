package org.ordersystem.api.orders;

import java.time.Duration;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Cancels an order still being placed, through the workflow's validated {@code cancelOrder} update:
 * the workflow alone decides whether it is too late (capture begun, or the order final).
 */
@Component
public class OrderCancellation {

  /** The answer: 200 cancelled, 202 accepted but the compensations still run. */
  public record Cancelled(HttpStatus status, OrderResponse order) {}

  static final int MAX_REASON_LENGTH = 500;

  private final OrderReader reader;
  private final OrderUpdates updates;
  private final Duration acceptTimeout;

  public OrderCancellation(OrderReader reader, OrderUpdates updates, ApiProperties properties) {
    this.reader = reader;
    this.updates = updates;
    this.acceptTimeout = properties.acceptTimeout();
  }

  public Cancelled cancel(Caller caller, String orderId, OrderController.CancelOrderBody body) {
    CancelOrderRequest request = new CancelOrderRequest(body == null ? null : body.reason());
    StoredOrder order = reader.findVisible(caller, orderId);
    UpdateOutcome<OrderView> outcome = updates.cancel(orderId, request, acceptTimeout);
    if (outcome instanceof UpdateOutcome.Completed<OrderView> done) {
      return new Cancelled(HttpStatus.OK, OrderResponse.from(done.result()));
    }
    StoredOrder now = reader.find(orderId).orElse(order);
    if (outcome instanceof UpdateOutcome.Accepted<OrderView>) {
      return new Cancelled(HttpStatus.ACCEPTED, OrderResponse.from(now));
    }
    // No running workflow: the order is over. Cancelled already is what was asked for.
    if (now.status() == OrderStatus.CANCELLED) {
      return new Cancelled(HttpStatus.OK, OrderResponse.from(now));
    }
    throw new ApiProblem(
        ProblemType.ORDER_NOT_CANCELLABLE,
        "Order "
            + orderId
            + " is "
            + now.status()
            + "; only an order being placed can be cancelled.");
  }
}
