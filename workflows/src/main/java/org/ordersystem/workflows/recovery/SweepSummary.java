package org.ordersystem.workflows.recovery;

import java.time.Instant;
import java.util.List;

/**
 * What one sweep found and did; recorded in the read model and sent to the webhook.
 *
 * @param examined candidates found (PENDING, and stale CREATING)
 * @param retried retries sent; {@code completed} of them ended COMPLETED
 * @param rolledBack rollbacks that ended CANCELLED
 * @param waiting transient causes left for a later sweep (backoff not over)
 * @param reported orders the sweep could not resolve: left as they are, and reported
 * @param peakConcurrency the most retries and rollbacks that ran at once (at most K)
 */
public record SweepSummary(
    String sweepId,
    String trigger,
    Instant startedAt,
    Instant finishedAt,
    int examined,
    int retried,
    int completed,
    int rolledBack,
    int waiting,
    int reported,
    int peakConcurrency,
    List<SweepItem> items) {}
