package org.ordersystem.bench;

/**
 * The orders the benchmark places: one {@link #SKU} paid with all three sources at once, so every
 * order runs the three payment legs (Try and Confirm each), the heaviest shape of the flow.
 * Customers rotate over the five demo wallets. The amounts are small on purpose: the demo wallets
 * and points last for hundreds of thousands of orders.
 */
public final class OrderBodies {

  /** A demo product with a million units. */
  public static final String SKU = "STICKER-PACK";

  /** Its catalog price in JPY. */
  public static final long UNIT_PRICE = 500;

  public static final long BALANCE_AMOUNT = 380;
  public static final long POINTS_AMOUNT = 20;
  public static final long CARD_AMOUNT = UNIT_PRICE - BALANCE_AMOUNT - POINTS_AMOUNT;

  /** The test card the simulated provider always authorizes. */
  public static final String CARD_TOKEN = "tok_ok";

  private static final int CUSTOMERS = 5;

  private OrderBodies() {}

  /** {@code cust-001} to {@code cust-005}, in turn. */
  public static String customer(long n) {
    return "cust-00" + (1 + Math.floorMod(n, CUSTOMERS));
  }

  /** The REST body of order number {@code n}. */
  public static String restBody(long n) {
    return """
    {"customerId":"%s","lines":[{"sku":"%s","quantity":1}],\
    "shippingAddress":{"name":"Bench Buyer","postalCode":"100-0001","region":"Tokyo",\
    "line1":"1-1 Chiyoda","country":"JP"},\
    "payment":{"sources":[{"type":"BALANCE","amount":%d},{"type":"POINTS","amount":%d},\
    {"type":"CARD","amount":%d,"cardToken":"%s"}]}}\
    """
        .formatted(customer(n), SKU, BALANCE_AMOUNT, POINTS_AMOUNT, CARD_AMOUNT, CARD_TOKEN);
  }
}
