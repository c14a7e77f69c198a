package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.ordersystem.proto.payment.v1.RefundLegResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.payment.CardGateway.CardOutcome;
import org.ordersystem.services.payment.TccFence.State;

/**
 * Refunds of captured legs inside the caller's transaction: the leg's refunded total, the REFUND
 * entry and the refund's row change together.
 *
 * <p>The bound "never more than was captured" is checked under the lock of the leg's fence row and
 * record, the lock every leg operation takes first, so concurrent refunds of one leg queue there
 * and each sees what the one before it committed. For a CARD leg the provider has refunded already
 * (outside any transaction) and keeps the same bound on its side; this transaction records what it
 * did.
 */
final class LegRefunds {

  private final PaymentStore store;
  private final Ledger ledger = new Ledger();

  LegRefunds(PaymentStore store) {
    this.store = store;
  }

  RefundLegResponse refund(Connection c, String key, LegKey legKey, long amount, CardOutcome card)
      throws SQLException {
    StoredLeg leg = store.lock(c, legKey).orElse(null);
    if (leg == null || leg.state() != State.CONFIRMED) {
      throw FailureReason.LEG_NOT_CAPTURED.exception(
          "leg "
              + legKey
              + (leg == null ? " was never authorized" : " is " + leg.legState())
              + "; only a captured leg can be refunded");
    }
    long left = leg.refundable();
    if (leg.isCard() && (left >= amount || card != CardOutcome.NOT_CALLED)) {
      // The provider's answer decides. Not asked while there is room means the leg was captured
      // after the read that decided against asking: get() then has the caller retry.
      card.get(legKey);
      if (left < amount) {
        throw FailureReason.PSP_ERROR.exception(
            "the provider refunded "
                + amount
                + " JPY of leg "
                + legKey
                + " that has "
                + left
                + " JPY left to refund in the ledger; an operator must reconcile it");
      }
    }
    if (left < amount) {
      throw FailureReason.REFUND_EXCEEDED.exception(
          "refund of "
              + amount
              + " JPY above the "
              + left
              + " JPY leg "
              + legKey
              + " captured and has not refunded ("
              + leg.refundedAmount()
              + " of "
              + leg.amount()
              + " refunded)");
    }
    // The bound again in the update, and in the table's check: a defect cannot overshoot.
    try (PreparedStatement raise =
        c.prepareStatement(
            "UPDATE payment_legs SET refunded_amount = refunded_amount + ?"
                + " WHERE payment_id = ? AND leg_id = ? AND refunded_amount + ? <= amount")) {
      raise.setLong(1, amount);
      raise.setString(2, legKey.paymentId());
      raise.setString(3, legKey.legId());
      raise.setLong(4, amount);
      if (raise.executeUpdate() != 1) {
        throw new IllegalStateException("leg " + legKey + " changed under its lock");
      }
    }
    String ref = "refund:" + legKey.reference() + ":" + (refundCount(c, legKey) + 1);
    long entryId = ledger.refund(c, ref, leg.pendingEntryId(), amount);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO leg_refunds (payment_id, leg_id, idempotency_key, amount, entry_id)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, legKey.paymentId());
      insert.setString(2, legKey.legId());
      insert.setString(3, key);
      insert.setLong(4, amount);
      insert.setLong(5, entryId);
      insert.executeUpdate();
    }
    return RefundLegResponse.newBuilder()
        .setPaymentId(legKey.paymentId())
        .setLegId(legKey.legId())
        .setRefundedAmount(leg.refundedAmount() + amount)
        .build();
  }

  /** Refunds the leg has; under the leg's lock, so the next entry ref is free. */
  private static long refundCount(Connection c, LegKey legKey) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT COUNT(*) FROM leg_refunds WHERE payment_id = ? AND leg_id = ?")) {
      select.setString(1, legKey.paymentId());
      select.setString(2, legKey.legId());
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
