package org.ordersystem.api.ops;

/**
 * A customer in the operators' list: the wallet flat, in JPY (the list's original shape, kept for
 * its clients), and the points like {@link AccountBalances#points()}.
 *
 * @param balance what the customer can spend now (posted minus pending)
 * @param posted settled balance
 * @param pending authorized and not yet captured or voided
 * @param points loyalty points: available, pending and posted
 */
public record CustomerAccount(
    String customerId, long balance, long posted, long pending, Amounts points) {}
