package org.ordersystem.api.ops;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What one account holds: JPY for the wallet balance, points (one point pays one yen) for points.
 *
 * @param available what can be spent now: posted minus pending, never negative
 * @param pending reserved by authorized payments, not yet captured or released
 * @param posted settled
 */
public record Amounts(
    @Schema(description = "Posted minus pending; never negative.", example = "9000000")
        long available,
    @Schema(description = "Reserved by authorized payments.", example = "1000000") long pending,
    @Schema(description = "Settled.", example = "10000000") long posted) {}
