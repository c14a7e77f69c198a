package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ordersystem.workflows.model.OrderLine;

/** Holds and sells stock through the stock service. */
@ActivityInterface
public interface StockActivities {

  /** Reserve all lines of an order or none. */
  record ReserveStockInput(String idempotencyKey, String orderId, List<OrderLine> lines) {}

  /** A reservation or its undo: the reservation id is the order id. */
  record ReservationRef(String idempotencyKey, String orderId) {}

  /**
   * Reserves every line or none. Fails non-retryably with OUT_OF_STOCK, UNKNOWN_SKU or
   * ALREADY_CLOSED; transient errors are retried.
   */
  void reserveStock(ReserveStockInput input);

  /** Undoes {@link #reserveStock}; succeeds when nothing was reserved. */
  void releaseStock(ReservationRef ref);

  /** Sells the reserved units. */
  void commitStock(ReservationRef ref);
}
