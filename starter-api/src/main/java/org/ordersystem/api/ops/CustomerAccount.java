package org.ordersystem.api.ops;

/**
 * A customer's wallet as operators see it, in JPY.
 *
 * @param balance what the customer can spend now (posted minus pending)
 * @param posted settled balance
 * @param pending authorized and not yet captured or voided
 */
public record CustomerAccount(String customerId, long balance, long posted, long pending) {}
