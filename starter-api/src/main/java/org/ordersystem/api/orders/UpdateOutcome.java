package org.ordersystem.api.orders;

/**
 * What an update of a placed order came to within the request's time. Updates the workflow's
 * validator refused never come back as an outcome: they are answered as problems.
 */
public sealed interface UpdateOutcome<R> {

  /** The update ran to its end: its result. */
  record Completed<R>(R result) implements UpdateOutcome<R> {}

  /** The workflow accepted the update (it passed the validator) and will finish it later. */
  record Accepted<R>() implements UpdateOutcome<R> {}

  /** There is no running workflow for the order: it never started, or it has finished. */
  record Closed<R>() implements UpdateOutcome<R> {}
}
