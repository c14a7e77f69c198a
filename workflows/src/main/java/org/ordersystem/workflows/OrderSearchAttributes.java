package org.ordersystem.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes every order workflow keeps up to date, so operators can filter orders in
 * Temporal UI ({@code OrderStatus="PENDING"}). All Keyword. No personal data: no customer id, no
 * address, no amount.
 *
 * <p>A server must know them before a worker runs: the local stack registers them on its in-process
 * or dev server, {@code dev/temporal-compose.yml} creates them, and on other servers: {@code
 * temporal operator search-attribute create --name OrderStatus --type Keyword} (and the same for
 * each name in {@link #NAMES}).
 */
public final class OrderSearchAttributes {

  public static final SearchAttributeKey<String> ORDER_STATUS =
      SearchAttributeKey.forKeyword("OrderStatus");
  public static final SearchAttributeKey<String> ORDER_STEP =
      SearchAttributeKey.forKeyword("OrderStep");

  /** The failure type of a PENDING order; empty otherwise. */
  public static final SearchAttributeKey<String> PENDING_REASON =
      SearchAttributeKey.forKeyword("PendingReason");

  public static final SearchAttributeKey<String> SHOP_ID = SearchAttributeKey.forKeyword("ShopId");

  /** Every one of them; all of type Keyword. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(ORDER_STATUS, ORDER_STEP, PENDING_REASON, SHOP_ID);

  /** Their names, for registration. */
  public static final List<String> NAMES = ALL.stream().map(SearchAttributeKey::getName).toList();

  private OrderSearchAttributes() {}
}
