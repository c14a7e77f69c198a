package org.ordersystem.workflows.reconciliation;

/** Where a stored mismatch stands. Mismatches are never deleted. */
public enum MismatchState {
  /** Found and not resolved yet: being acted on, waiting, or waiting for a person. */
  OPEN,
  /** The sides agree again: after the reconciliation's action, or by themselves. */
  AUTO_RESOLVED,
  /** A person looked, did what was needed and closed it with a note. */
  RESOLVED_BY_OPERATOR
}
