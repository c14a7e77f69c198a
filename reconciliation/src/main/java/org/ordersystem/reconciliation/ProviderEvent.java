package org.ordersystem.reconciliation;

import java.time.Instant;
import org.ordersystem.workflows.reconciliation.ProviderState;

/**
 * One event of the provider's feed, as stored: see {@code orders.psp.v1.PaymentEvent}.
 *
 * @param type AUTHORIZED, CAPTURED, VOIDED, REFUNDED or EXPIRED
 * @param state the authorization's state after the change
 */
public record ProviderEvent(
    String eventId,
    String authorizationId,
    String reference,
    long sequence,
    String type,
    long amount,
    ProviderState state,
    long authorized,
    long captured,
    long refunded,
    Instant occurredAt) {}
