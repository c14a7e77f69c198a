package org.ordersystem.readmodel;

import java.util.List;

/** One page of orders, newest first; {@code nextPageToken} is null on the last page. */
public record OrderPage(List<StoredOrder> items, String nextPageToken) {}
