package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.PaymentSource;

/**
 * Moves a customer's money through the payment service, one leg per funding source, with its
 * Try/Confirm/Cancel primitives. The payment id is the order id.
 */
@ActivityInterface
public interface PaymentActivities {

  /** Try one leg: reserve its amount on its funding source. */
  record AuthorizeLegInput(
      String idempotencyKey,
      String orderId,
      String legId,
      String customerId,
      PaymentSource source) {}

  /**
   * One leg to confirm, cancel or look up. For a look-up the key is the one of the Try asked about;
   * the service finds the leg by order and leg id.
   */
  record LegRef(String idempotencyKey, String orderId, String legId) {}

  /**
   * What the payment service holds for one leg.
   *
   * @param state NEW when the service has no such leg, UNKNOWN when it reported a state this
   *     version does not know
   * @param pspAuthorizationId the provider's authorization of a CARD leg; else null
   */
  record LegStatus(LegState state, String pspAuthorizationId) {}

  /** Return part of a captured leg to its funding source. */
  record RefundLegInput(String idempotencyKey, String orderId, String legId, long amount) {}

  /** What a leg has returned so far, over every refund of it. */
  record LegRefunded(String legId, long refundedAmount) {}

  /**
   * Reserves the leg's amount (for CARD, authorizes the card at the provider). Fails non-retryably
   * with PAYMENT_DECLINED, UNKNOWN_CUSTOMER, ALREADY_CLOSED (a Try after a Cancel) or
   * IDEMPOTENCY_CONFLICT; transient errors are retried with the same key.
   *
   * @return the leg, AUTHORIZED
   */
  LegStatus authorizeLeg(AuthorizeLegInput input);

  /**
   * Posts an authorized leg (for CARD, captures at the provider). Fails non-retryably with
   * AUTHORIZATION_EXPIRED when the provider's authorization expired, LEG_NOT_AUTHORIZED or
   * ALREADY_CLOSED.
   */
  void captureLeg(LegRef ref);

  /**
   * Undoes {@link #authorizeLeg}; succeeds when nothing was authorized (and leaves a barrier, so a
   * late Try is refused). Fails non-retryably with ALREADY_CAPTURED.
   */
  void voidLeg(LegRef ref);

  /**
   * Asks the service where a leg stands, without changing it: settles a Try whose outcome is
   * unknown because its retries ran out, instead of trying again under another key.
   */
  LegStatus getLegState(LegRef ref);

  /**
   * Returns {@code amount} of a captured leg to its source: a card refund at the provider, or a
   * journal entry crediting the balance or points back. Fails non-retryably with REFUND_EXCEEDED
   * above what the leg has left to refund, or LEG_NOT_CAPTURED; transient errors are retried with
   * the same key, which the service answers with its first result.
   */
  LegRefunded refundLeg(RefundLegInput input);
}
