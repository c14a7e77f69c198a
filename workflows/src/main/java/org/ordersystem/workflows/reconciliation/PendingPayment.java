package org.ordersystem.workflows.reconciliation;

import org.ordersystem.workflows.model.OrderStep;

/**
 * A PENDING order stopped at a payment step, with a card leg whose outcome it may not know.
 *
 * @param step AUTHORIZE_PAYMENT or CAPTURE_PAYMENT
 * @param provider the provider's record of the card leg; null when it has none
 * @param internal ours; null when the payment service has no such leg
 */
public record PendingPayment(
    String orderId,
    OrderStep step,
    String reference,
    ProviderRecord provider,
    InternalRecord internal) {}
