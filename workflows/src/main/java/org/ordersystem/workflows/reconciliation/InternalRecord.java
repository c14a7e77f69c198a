package org.ordersystem.workflows.reconciliation;

import java.time.Instant;
import org.ordersystem.workflows.model.LegState;

/**
 * One card leg as the payment service records it.
 *
 * @param state AUTHORIZED, CAPTURED or VOIDED
 * @param amount the leg's amount
 * @param refunded refunded so far
 * @param pspAuthorizationId the provider's authorization the leg recorded; null before one
 * @param changedAt when the leg's state or refunds last changed
 */
public record InternalRecord(
    LegState state, long amount, long refunded, String pspAuthorizationId, Instant changedAt) {

  /** Money reserved and not posted: the amount while AUTHORIZED, else nothing. */
  public long held() {
    return state == LegState.AUTHORIZED ? amount : 0;
  }

  /** Money posted and not refunded. */
  public long charged() {
    return state == LegState.CAPTURED ? amount - refunded : 0;
  }
}
