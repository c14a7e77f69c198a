package org.ordersystem.workflows.reconciliation;

import java.time.Instant;

/**
 * A disagreement between the provider and us about one card leg, as stored. At most one is OPEN per
 * reference; its class and both sides follow the latest run.
 *
 * @param reference our reference at the provider, {@code <paymentId>:<legId>}
 * @param paymentId the payment's id, which is the order's id
 * @param provider the provider's record; null when it has none
 * @param internal ours; null when the payment service has no such leg
 * @param action what reconciliation did about it, for people; null before any action
 * @param resolution how it was resolved (the action that made the sides agree, or an operator's
 *     note); null while OPEN
 * @param resolvedBy {@code reconciliation} or the operator; null while OPEN
 * @param notifiedAt when the webhook was told about it; null before
 */
public record Mismatch(
    long id,
    String reference,
    String paymentId,
    String legId,
    MismatchClass mismatchClass,
    MismatchState state,
    ProviderRecord provider,
    InternalRecord internal,
    String action,
    String resolution,
    String resolvedBy,
    Instant detectedAt,
    Instant updatedAt,
    Instant resolvedAt,
    Instant notifiedAt) {

  /** The payment and leg ids of {@code <paymentId>:<legId>}; a leg id has no colon. */
  public static String[] split(String reference) {
    int colon = reference.lastIndexOf(':');
    if (colon < 1 || colon == reference.length() - 1) {
      return new String[] {reference, ""};
    }
    return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
  }

  /** One line for people: the class and what each side says. */
  public String describe() {
    return mismatchClass
        + " on "
        + reference
        + ": provider "
        + (provider == null
            ? "has nothing"
            : provider.state()
                + " (held "
                + provider.held()
                + ", charged "
                + provider.charged()
                + " JPY)")
        + ", ours "
        + (internal == null
            ? "has nothing"
            : internal.state()
                + " (held "
                + internal.held()
                + ", charged "
                + internal.charged()
                + " JPY)");
  }
}
