package org.ordersystem.workflows.reconciliation;

import java.time.Duration;
import java.time.Instant;

/**
 * One comparison of the provider's records with ours.
 *
 * @param changedSince compare every leg changed on either side since then
 * @param now the run's clock (the workflow's, so a test that skips time ages records alike)
 */
public record CompareRequest(String runId, Instant changedSince, Instant now, Duration grace) {}
