package org.ordersystem.workflows;

/** How the stages of one phase of the purchase flow ended: all done, or the order rolls back. */
sealed interface SagaOutcome {

  /** Every stage of the phase succeeded, and no cancel or rollback was accepted. */
  record Done() implements SagaOutcome {}

  /** The order must be rolled back, and ends as {@code rollback} says. */
  record RollBack(Rollback rollback) implements SagaOutcome {}
}
