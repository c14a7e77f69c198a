package org.ordersystem.workflows.reconciliation;

import java.time.Instant;

/**
 * One authorization as the provider's events tell it: the event with the highest sequence wins,
 * whatever order the events arrived in.
 *
 * @param lastSequence the sequence of that event
 * @param lastEventAt when that change happened at the provider
 */
public record ProviderRecord(
    String authorizationId,
    ProviderState state,
    long authorized,
    long captured,
    long refunded,
    long lastSequence,
    Instant lastEventAt) {

  /** Money on hold on the card: the authorized amount while AUTHORIZED, else nothing. */
  public long held() {
    return state == ProviderState.AUTHORIZED ? authorized : 0;
  }

  /** Money taken from the card and not given back. */
  public long charged() {
    return captured - refunded;
  }
}
