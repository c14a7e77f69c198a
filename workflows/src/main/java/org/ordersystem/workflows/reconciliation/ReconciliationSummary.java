package org.ordersystem.workflows.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run found and did; stored, and answered to the operator who started it.
 *
 * @param events the ingestion of the provider's feed
 * @param classes legs of each class found by the first comparison (EXPECTED included)
 * @param autoResolved mismatches closed as AUTO_RESOLVED by this run
 * @param ordersTold PENDING orders sent a retry or a rollback
 * @param open OPEN mismatches left when the run ended (waiting, or reported to people)
 * @param items what the run decided about each mismatch and PENDING order it looked at
 */
public record ReconciliationSummary(
    String runId,
    String trigger,
    Instant startedAt,
    Instant finishedAt,
    IngestResult events,
    int compared,
    Map<MismatchClass, Integer> classes,
    int autoResolved,
    int ordersTold,
    int open,
    List<ReconciliationItem> items) {}
