package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A customer's two accounts as operators see them.
 *
 * @param balance the wallet, in JPY
 * @param points loyalty points
 */
public record AccountBalances(
    @Schema(example = "cust-001") String customerId, Amounts balance, Amounts points) {}
