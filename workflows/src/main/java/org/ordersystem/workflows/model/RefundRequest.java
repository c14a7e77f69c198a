package org.ordersystem.workflows.model;

import java.util.List;

/**
 * A shop's refund of a completed order: either an amount, or lines (whose amount comes from the
 * prices the order was placed at), never both.
 *
 * @param refundId derived by the API from the order and the request's Idempotency-Key, so a
 *     replayed request names the same refund; the workflow answers it with the first result, and
 *     refuses the same id with other parameters
 * @param amount JPY to refund, or null when lines are given
 * @param lines units to return and restock, or null/empty when an amount is given
 * @param reason the shop's words, kept with the refund
 */
public record RefundRequest(String refundId, Long amount, List<RefundLine> lines, String reason) {}
