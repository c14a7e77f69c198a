package org.ordersystem.workflows.reconciliation;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;

/**
 * What reconciliation needs from the provider, the payment service, its own store and Temporal.
 * Every corrective call carries the key of its {@link LegCorrection}, so a retry never moves money
 * twice. Its activity types are prefixed {@code Reconciliation}, as they share the order workers'
 * task queue with the payment activities of the same names (voidLeg, refundLeg).
 */
@ActivityInterface(namePrefix = "Reconciliation")
public interface ReconciliationActivities {

  /**
   * Pulls the provider's event feed from the stored cursor, at most {@code maxPages} pages, and
   * stores the events deduplicated by event id, moving the cursor in the same transaction as each
   * page's events. Heartbeats per page.
   */
  IngestResult ingestProviderEvents(int maxPages);

  /**
   * Compares the provider's records with the payment service's card legs changed since {@code
   * changedSince} on either side, then stores what it found: a new mismatch opens (one OPEN per
   * reference, its class and sides kept current), and an OPEN one whose sides agree now is closed
   * as AUTO_RESOLVED, with the action that made them agree. EXPECTED differences are counted, not
   * stored.
   */
  CompareResult compare(CompareRequest request);

  /**
   * PENDING orders stopped at AUTHORIZE_PAYMENT or CAPTURE_PAYMENT with a card leg the order does
   * not know settled, with both sides' records of that leg; at most {@code limit}, oldest first.
   */
  List<PendingPayment> findPendingPayments(int limit);

  /** Where the order behind a payment stands (its workflow is {@code order-<orderId>}). */
  OrderFacts inspectOrder(String orderId);

  /**
   * Cancels the leg through the payment service, which voids the provider's authorization by
   * reference (or bars the reference) and releases our reservation.
   */
  void voidLeg(LegCorrection correction);

  /** Voids the provider's authorization of the reference directly: our leg is closed already. */
  void voidAtProvider(LegCorrection correction);

  /** Refunds {@code amount} of the provider's authorization directly: our books never had it. */
  void refundAtProvider(LegCorrection correction);

  /** Posts the provider's capture of the leg in our ledger (RecordProviderCapture). */
  void recordProviderCapture(LegCorrection correction);

  /** Refunds {@code amount} of the captured leg through the payment service (card and ledger). */
  void refundLeg(LegCorrection correction);

  /**
   * Sends the {@code retryPending} or {@code rollbackPending} update to the order and waits until
   * it settles, heartbeating; every attempt of one call sends the same update, so a retry never
   * retries or rolls back the order twice. A refusal (no longer PENDING, or a rollback after
   * capture began) is an outcome.
   */
  RecoveryOutcome tellOrder(RecoveryCommand command);

  /** Adds a line to the mismatch's action record, for people. */
  void noteAction(long mismatchId, String action);

  /** Records that the webhook was told about the mismatch. */
  void markNotified(long mismatchId);

  /** Stores the run's summary; idempotent by run id. */
  void recordRun(ReconciliationSummary summary);
}
