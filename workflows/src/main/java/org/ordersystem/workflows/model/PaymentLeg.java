package org.ordersystem.workflows.model;

/**
 * One leg of an order's payment: a funding source, its amount and where it stands.
 *
 * @param state where the leg stands in Try/Confirm/Cancel
 * @param pspAuthorizationId the payment provider's authorization of a CARD leg once it is
 *     authorized, so shops and operators can match it with the provider's records; else null
 * @param reason why the leg's Try or Confirm failed for good (a failure type such as
 *     PAYMENT_DECLINED or AUTHORIZATION_EXPIRED), telling which source refused; else null
 */
public record PaymentLeg(
    String legId,
    SourceType type,
    long amount,
    LegState state,
    String pspAuthorizationId,
    String reason) {

  /** A leg with no provider authorization and no failure, the shape it had before those. */
  public PaymentLeg(String legId, SourceType type, long amount, LegState state) {
    this(legId, type, amount, state, null, null);
  }

  public PaymentLeg withState(LegState newState) {
    return new PaymentLeg(legId, type, amount, newState, pspAuthorizationId, reason);
  }

  public PaymentLeg withPspAuthorizationId(String newPspAuthorizationId) {
    return new PaymentLeg(legId, type, amount, state, newPspAuthorizationId, reason);
  }

  public PaymentLeg withReason(String newReason) {
    return new PaymentLeg(legId, type, amount, state, pspAuthorizationId, newReason);
  }
}
