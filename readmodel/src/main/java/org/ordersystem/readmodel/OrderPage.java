package org.ordersystem.readmodel;

import java.util.List;
import org.ordersystem.workflows.model.OrderView;

/** One page of orders, newest first; {@code nextPageToken} is null on the last page. */
public record OrderPage(List<OrderView> items, String nextPageToken) {}
