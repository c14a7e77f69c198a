package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.RefundLine;

/** Holds and sells stock through the stock service. */
@ActivityInterface
public interface StockActivities {

  /** Reserve all lines of an order or none. */
  record ReserveStockInput(String idempotencyKey, String orderId, List<OrderLine> lines) {}

  /** A reservation or its undo: the reservation id is the order id. */
  record ReservationRef(String idempotencyKey, String orderId) {}

  /** Units of a sold order to put back on the shelf. */
  record RestockLinesInput(String idempotencyKey, String orderId, List<RefundLine> lines) {}

  /** Units of the order put back so far, per sku, over every restock of it. */
  record Restocked(List<RefundLine> restocked) {}

  /**
   * Reserves every line or none. Fails non-retryably with OUT_OF_STOCK, UNKNOWN_SKU or
   * ALREADY_CLOSED; transient errors are retried.
   */
  void reserveStock(ReserveStockInput input);

  /** Undoes {@link #reserveStock}; succeeds when nothing was reserved. */
  void releaseStock(ReservationRef ref);

  /** Sells the reserved units. */
  void commitStock(ReservationRef ref);

  /**
   * Puts units of a committed order back on hand (a refund's returned lines). Fails non-retryably
   * with RESTOCK_EXCEEDED beyond the units sold, or NOT_COMMITTED.
   */
  Restocked restockLines(RestockLinesInput input);
}
