package org.ordersystem.api.orders;

import org.ordersystem.workflows.model.OrderView;

/** What Update-with-Start told about an order within the acceptance timeout. */
sealed interface PlacementOutcome {

  /** Accepted or rejected: the workflow's snapshot at the moment of its decision. */
  record Decided(OrderView order) implements PlacementOutcome {}

  /** The workflow runs but has not decided yet. */
  record Undecided() implements PlacementOutcome {}

  /** The workflow had already finished, so it was not run again; read the order elsewhere. */
  record AlreadyClosed() implements PlacementOutcome {}
}
