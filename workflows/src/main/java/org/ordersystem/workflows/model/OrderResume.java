package org.ordersystem.workflows.model;

import java.time.Instant;
import java.util.List;

/**
 * What a run of a completed order's workflow hands to the run that continues it (Continue-As-New):
 * the order, its refunds and the end of its refund window. Every refund in it is COMPLETED, since a
 * run only continues once no refund is queued or running.
 *
 * @param order the order as the previous run left it
 * @param refunds the order's refunds, oldest first
 * @param refundWindowEndsAt when the order stops taking refunds and its workflow closes
 */
public record OrderResume(
    OrderSnapshot order, List<RefundView> refunds, Instant refundWindowEndsAt) {}
