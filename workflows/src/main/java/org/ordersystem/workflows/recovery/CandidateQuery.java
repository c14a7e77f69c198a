package org.ordersystem.workflows.recovery;

import java.time.Instant;

/**
 * Which orders a sweep examines: every PENDING order, and every CREATING order whose last
 * transition is older than {@code staleBefore}; oldest first, at most {@code limit}.
 *
 * @param staleBefore computed from the sweep workflow's clock, never the database's, so a test that
 *     skips time sees the same ages as the workflows
 */
public record CandidateQuery(Instant staleBefore, int limit) {}
