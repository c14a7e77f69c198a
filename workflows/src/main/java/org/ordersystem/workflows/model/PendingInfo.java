package org.ordersystem.workflows.model;

import java.time.Instant;

/**
 * Why a PENDING order stopped and since when: what an operator, the recovery sweep and the
 * notification webhook see.
 *
 * @param step the step that ran out of its retry budget or failed in a way nobody handled
 * @param reason the last failure's type (such as STEP_TIMED_OUT or INTERNAL)
 * @param message the last failure's message, for people
 * @param since when the order became PENDING this time
 * @param attempts how many retry budgets the step has used up: 1 the first time it is PENDING, one
 *     more after every retry that ended PENDING again
 * @param rollbackAllowed false once capture has begun: only {@code retry} can help then
 */
public record PendingInfo(
    OrderStep step,
    String reason,
    String message,
    Instant since,
    int attempts,
    boolean rollbackAllowed) {}
