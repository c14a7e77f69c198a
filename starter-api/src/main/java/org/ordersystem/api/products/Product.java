package org.ordersystem.api.products;

/**
 * A catalog product as the API shows it.
 *
 * @param unitPrice in JPY
 * @param available units that can still be reserved
 */
public record Product(String sku, String name, long unitPrice, long available) {}
