package org.ordersystem.workflows.recovery;

/** What a sweep does with one candidate. */
public enum SweepDecision {
  /** Run the PENDING step again with a fresh budget. */
  RETRY,
  /** Compensate and end the order CANCELLED. */
  ROLLBACK,
  /** A transient cause still in its backoff: a later sweep retries it. */
  WAIT,
  /** Nothing the sweep may do safely: it stays as it is and people are told. */
  REPORT
}
