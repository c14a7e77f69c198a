package org.ordersystem.bench.chaos;

/**
 * One order of the plan, everything about it fixed by the seed and its index.
 *
 * @param index its place in the run, from 0
 * @param shape what it exercises
 * @param idempotencyKey the key of its placement, kept over every retry
 * @param body the placement's JSON body
 * @param refundBody the refund's JSON body, for the refund shapes; null otherwise
 */
public record ChaosOrder(
    int index, OrderShape shape, String idempotencyKey, String body, String refundBody) {}
