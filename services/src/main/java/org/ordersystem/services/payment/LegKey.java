package org.ordersystem.services.payment;

import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.Requests;

/** Identifies one leg of one payment; the fence, the ledger and the provider all key on it. */
record LegKey(String paymentId, String legId) {

  /** Validates both ids; a leg id has no colon, so the provider reference names exactly one leg. */
  static LegKey of(String paymentId, String legId) {
    Requests.requireId("payment_id", paymentId);
    Requests.requireId("leg_id", legId);
    if (legId.indexOf(':') >= 0) {
      throw FailureReason.INVALID_REQUEST.exception("leg_id must not contain ':', got " + legId);
    }
    return new LegKey(paymentId, legId);
  }

  /** Our reference at the payment provider, and the stem of the leg's journal entry refs. */
  String reference() {
    return paymentId + ":" + legId;
  }

  @Override
  public String toString() {
    return paymentId + "/" + legId;
  }
}
