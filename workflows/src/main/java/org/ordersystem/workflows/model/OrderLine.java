package org.ordersystem.workflows.model;

/** One line of an order, priced from the catalog when the order was placed. */
public record OrderLine(String sku, int quantity, long unitPrice) {

  /** Line amount in JPY. */
  public long amount() {
    return unitPrice * quantity;
  }
}
