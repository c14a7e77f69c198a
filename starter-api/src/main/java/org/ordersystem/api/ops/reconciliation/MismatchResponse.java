package org.ordersystem.api.ops.reconciliation;

import java.time.Instant;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchClass;
import org.ordersystem.workflows.reconciliation.MismatchState;
import org.ordersystem.workflows.reconciliation.ProviderRecord;

/**
 * A mismatch for operators: what each side holds (held: reserved, not captured; charged: captured,
 * not refunded; JPY), what reconciliation did, and how it ended.
 *
 * @param orderId the order whose payment it is (the payment id)
 * @param summary one line for people
 * @param provider null when the provider has no record of the leg
 * @param ours null when the payment service has no such leg
 */
public record MismatchResponse(
    long id,
    String reference,
    String orderId,
    String legId,
    MismatchClass mismatchClass,
    MismatchState state,
    String summary,
    Side provider,
    Side ours,
    String action,
    String resolution,
    String resolvedBy,
    Instant detectedAt,
    Instant updatedAt,
    Instant resolvedAt,
    Instant notifiedAt) {

  /** One side's record of the leg. */
  public record Side(
      String state, String authorizationId, long amount, long held, long charged, long refunded) {}

  static MismatchResponse from(Mismatch m) {
    return new MismatchResponse(
        m.id(),
        m.reference(),
        m.paymentId(),
        m.legId(),
        m.mismatchClass(),
        m.state(),
        m.describe(),
        provider(m.provider()),
        ours(m.internal()),
        m.action(),
        m.resolution(),
        m.resolvedBy(),
        m.detectedAt(),
        m.updatedAt(),
        m.resolvedAt(),
        m.notifiedAt());
  }

  private static Side provider(ProviderRecord p) {
    return p == null
        ? null
        : new Side(
            p.state().name(),
            p.authorizationId(),
            p.authorized(),
            p.held(),
            p.charged(),
            p.refunded());
  }

  private static Side ours(InternalRecord i) {
    return i == null
        ? null
        : new Side(
            i.state().name(),
            i.pspAuthorizationId(),
            i.amount(),
            i.held(),
            i.charged(),
            i.refunded());
  }
}
