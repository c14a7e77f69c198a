package org.ordersystem.api.orders;

import java.util.Optional;
import org.ordersystem.api.auth.Caller;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.web.OrderIds;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelException;
import org.ordersystem.readmodel.StoredOrder;
import org.springframework.stereotype.Component;

/**
 * Reads one order: from the read model, or, while the workflow has not written its first row yet
 * (or the read model is down), from the workflow itself.
 */
@Component
public class OrderReader {

  private final OrderReadModel readModel;
  private final OrderWorkflowGateway workflows;

  public OrderReader(OrderReadModel readModel, OrderWorkflowGateway workflows) {
    this.readModel = readModel;
    this.workflows = workflows;
  }

  /**
   * The order if the caller may see it. Another shop's order is answered exactly like a missing one
   * (404), so order ids cannot be probed across shops.
   */
  public StoredOrder findVisible(Caller caller, String orderId) {
    String notFound = "No order " + orderId + ".";
    if (!OrderIds.isValid(orderId)) {
      throw ApiProblem.notFound(notFound);
    }
    return find(orderId)
        .filter(order -> caller.canSee(order.shopId()))
        .orElseThrow(() -> ApiProblem.notFound(notFound));
  }

  /**
   * The order wherever it is known, as its read-model row (a running workflow's view as the row it
   * will write); empty if neither the read model nor Temporal knows it.
   */
  public Optional<StoredOrder> find(String orderId) {
    try {
      Optional<StoredOrder> stored = readModel.find(orderId);
      return stored.isPresent() ? stored : fromWorkflow(orderId);
    } catch (ReadModelException e) {
      // Temporal is the source of truth: answer from it; if it does not know the order either,
      // the outage is the honest answer, not a 404.
      return Optional.of(fromWorkflow(orderId).orElseThrow(() -> e));
    }
  }

  /** The order as its running workflow knows it now, as the row it writes next. */
  public Optional<StoredOrder> fromWorkflow(String orderId) {
    return workflows.query(orderId).map(StoredOrder::of);
  }
}
