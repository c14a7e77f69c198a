package org.ordersystem.api.refunds;

import java.util.List;
import java.util.Optional;
import org.ordersystem.workflows.model.RefundView;

/**
 * The refunds the order workflows wrote to the read model. A port of the API's own, so the reads
 * can be tested without a database; without a bean of this type, refunds are read from the
 * workflows only.
 *
 * @see RefundReader
 */
public interface RefundRecords {

  /** The order's refunds, oldest first; empty when none is stored (yet). */
  List<RefundView> list(String orderId);

  /** One refund of the order, if stored. */
  Optional<RefundView> find(String orderId, String refundId);
}
