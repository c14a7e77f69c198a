package org.ordersystem.workflows.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Compares the provider's record of a card leg with ours by the money each says moved: what is on
 * hold and what is charged. States that move the same money agree (a voided leg and an expired
 * authorization hold nothing; a leg refunded in full and a cancelled one charge nothing), so only a
 * difference in money is a mismatch.
 */
public final class Classifier {

  private Classifier() {}

  /**
   * The mismatch between the two records, or empty when they agree.
   *
   * @param provider null when the provider has no event of the reference
   * @param internal null when the payment service has no leg of it
   * @param grace how long a one-sided change may stay in flight before it counts
   */
  public static Optional<MismatchClass> classify(
      ProviderRecord provider, InternalRecord internal, Instant now, Duration grace) {
    long providerHeld = provider == null ? 0 : provider.held();
    long providerCharged = provider == null ? 0 : provider.charged();
    long ourHeld = internal == null ? 0 : internal.held();
    long ourCharged = internal == null ? 0 : internal.charged();
    if (providerHeld == ourHeld && providerCharged == ourCharged) {
      return Optional.empty();
    }
    if (isYoung(provider, internal, now, grace)) {
      return Optional.of(MismatchClass.EXPECTED);
    }
    if (provider == null) {
      return Optional.of(MismatchClass.MISSING_AT_PROVIDER);
    }
    if (internal == null || (providerCharged > 0 && ourCharged == 0)) {
      return Optional.of(MismatchClass.MISSING_INTERNAL);
    }
    boolean bothHold = providerHeld > 0 && ourHeld > 0;
    boolean bothCharged = providerCharged > 0 && ourCharged > 0;
    return Optional.of(
        bothHold || bothCharged ? MismatchClass.AMOUNT_MISMATCH : MismatchClass.STATUS_MISMATCH);
  }

  private static boolean isYoung(
      ProviderRecord provider, InternalRecord internal, Instant now, Duration grace) {
    Instant last = Instant.EPOCH;
    if (provider != null && provider.lastEventAt().isAfter(last)) {
      last = provider.lastEventAt();
    }
    if (internal != null && internal.changedAt().isAfter(last)) {
      last = internal.changedAt();
    }
    return last.plus(grace).isAfter(now);
  }
}
