package org.ordersystem.api.refunds;

import java.util.List;
import java.util.Optional;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.readmodel.ReadModelException;
import org.ordersystem.workflows.model.RefundView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads an order's refunds: from the read model, or, while it has nothing yet (a refund just
 * accepted, or no read model of refunds at all), from the order's workflow, the source of truth.
 */
@Component
public class RefundReader {

  private final RefundRecords records;
  private final OrderWorkflowGateway workflows;

  public RefundReader(ObjectProvider<RefundRecords> records, OrderWorkflowGateway workflows) {
    this.records = records.getIfAvailable();
    this.workflows = workflows;
  }

  /** The order's refunds, oldest first. */
  public List<RefundView> list(String orderId) {
    if (records != null) {
      try {
        List<RefundView> stored = records.list(orderId);
        if (!stored.isEmpty()) {
          return stored;
        }
      } catch (ReadModelException e) {
        return workflows.queryRefunds(orderId).orElseThrow(() -> e);
      }
    }
    return workflows.queryRefunds(orderId).orElse(List.of());
  }

  /** One refund of the order; empty when neither the read model nor the workflow knows it. */
  public Optional<RefundView> find(String orderId, String refundId) {
    ReadModelException unavailable = null;
    if (records != null) {
      try {
        Optional<RefundView> stored = records.find(orderId, refundId);
        if (stored.isPresent()) {
          return stored;
        }
      } catch (ReadModelException e) {
        unavailable = e;
      }
    }
    Optional<List<RefundView>> known = workflows.queryRefunds(orderId);
    if (known.isEmpty() && unavailable != null) {
      throw unavailable; // neither answers: the outage is the honest answer, not a 404
    }
    return known.orElse(List.of()).stream().filter(r -> r.refundId().equals(refundId)).findFirst();
  }
}
