package org.ordersystem.readmodel;

import org.ordersystem.workflows.model.OrderStatus;

/**
 * A filter over the read model; null fields do not filter.
 *
 * @param shopId only this shop's orders (null for operators, who see all)
 * @param pageToken the {@code nextPageToken} of the previous page, or null for the first
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 */
public record OrderQuery(
    String shopId, String customerId, OrderStatus status, String pageToken, int limit) {

  public static final int MAX_LIMIT = 100;

  public OrderQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
