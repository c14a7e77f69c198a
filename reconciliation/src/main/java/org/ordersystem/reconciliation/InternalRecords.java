package org.ordersystem.reconciliation;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.ordersystem.workflows.reconciliation.InternalRecord;

/** Our side of the comparison: the payment service's card legs, by reference. */
public interface InternalRecords {

  /** Card legs changed at or after {@code since}, by {@code <paymentId>:<legId>}. */
  Map<String, InternalRecord> changedSince(Instant since);

  /** The card legs of these references; references with no such leg are left out. */
  Map<String, InternalRecord> find(Collection<String> references);
}
