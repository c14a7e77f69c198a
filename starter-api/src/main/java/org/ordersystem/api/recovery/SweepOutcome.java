package org.ordersystem.api.recovery;

import org.ordersystem.workflows.recovery.SweepSummary;

/** Where a recovery sweep stands, as its workflow tells. */
public sealed interface SweepOutcome {

  String sweepId();

  /** The sweep finished: what it found and did. */
  record Finished(String sweepId, SweepSummary summary) implements SweepOutcome {}

  /** The sweep is still running. */
  record Running(String sweepId) implements SweepOutcome {}

  /**
   * The sweep's workflow closed without a summary.
   *
   * @param closedAs how it closed: FAILED, TERMINATED, TIMED_OUT, CANCELED, ...
   */
  record Failed(String sweepId, String closedAs) implements SweepOutcome {}
}
