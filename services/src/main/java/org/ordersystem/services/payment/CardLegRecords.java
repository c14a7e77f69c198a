package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.CardLeg;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.ListCardLegsResponse;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.payment.TccFence.State;

/**
 * What reconciliation with the card provider needs of the payment service: our CARD legs as
 * recorded, and the one correction it may make here, a capture the provider made while our call
 * never got its answer.
 */
final class CardLegRecords {

  private final PaymentStore store;
  private final Ledger ledger = new Ledger();

  CardLegRecords(PaymentStore store) {
    this.store = store;
  }

  /**
   * CARD legs whose fence or record changed at or after {@code changedSinceMs}, after the leg
   * {@code after} (payment id and leg id, keyset order), at most {@code pageSize}.
   */
  ListCardLegsResponse list(
      Connection c, long changedSinceMs, int pageSize, String afterPaymentId, String afterLegId)
      throws SQLException {
    ListCardLegsResponse.Builder response = ListCardLegsResponse.newBuilder();
    // UNIX_TIMESTAMP reads a TIMESTAMP column as UTC whatever the session's time zone.
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT l.payment_id, l.leg_id, f.state, l.customer_id, l.amount,"
                + " l.psp_authorization_id, l.refunded_amount,"
                + " ROUND(UNIX_TIMESTAMP(l.created_at) * 1000),"
                + " ROUND(UNIX_TIMESTAMP(GREATEST(f.updated_at, l.updated_at)) * 1000)"
                + " FROM payment_legs l JOIN tcc_fence f"
                + " ON f.payment_id = l.payment_id AND f.leg_id = l.leg_id"
                + " WHERE l.source_type = 'CARD'"
                + " AND GREATEST(f.updated_at, l.updated_at) >= FROM_UNIXTIME(? / 1000)"
                + " AND (l.payment_id, l.leg_id) > (?, ?)"
                + " ORDER BY l.payment_id, l.leg_id LIMIT ?")) {
      select.setLong(1, changedSinceMs);
      select.setString(2, afterPaymentId);
      select.setString(3, afterLegId);
      select.setInt(4, pageSize + 1);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          if (response.getLegsCount() == pageSize) {
            CardLeg last = response.getLegs(pageSize - 1);
            response.setNextPageToken(last.getPaymentId() + "\n" + last.getLeg().getLegId());
            break;
          }
          response.addLegs(read(rs));
        }
      }
    }
    return response.build();
  }

  private static CardLeg read(ResultSet rs) throws SQLException {
    State state = State.valueOf(rs.getString(3));
    LegState shown =
        switch (state) {
          case TRIED -> LegState.LEG_STATE_AUTHORIZED;
          case CONFIRMED -> LegState.LEG_STATE_CAPTURED;
          case CANCELLED, SUSPENDED -> LegState.LEG_STATE_VOIDED;
        };
    Leg.Builder leg =
        Leg.newBuilder()
            .setLegId(rs.getString(2))
            .setState(shown)
            .setCustomerId(rs.getString(4))
            .setSourceType(SourceType.SOURCE_TYPE_CARD)
            .setAmount(rs.getLong(5))
            .setRefundedAmount(rs.getLong(7));
    if (rs.getString(6) != null) {
      leg.setPspAuthorizationId(rs.getString(6));
    }
    return CardLeg.newBuilder()
        .setPaymentId(rs.getString(1))
        .setLeg(leg)
        .setCreatedAtMs(rs.getLong(8))
        .setChangedAtMs(rs.getLong(9))
        .build();
  }

  /**
   * Posts an authorized CARD leg that the provider captured in full: the POST entry its capture
   * would have written, under a ref of its own so the ledger shows it came from reconciliation.
   * Under the leg's lock, so it and a late capture of the leg move the fence exactly once.
   */
  CaptureLegResponse recordProviderCapture(
      Connection c, LegKey key, String pspAuthorizationId, long capturedAmount)
      throws SQLException {
    StoredLeg leg =
        store
            .lock(c, key)
            .filter(l -> l.customerId() != null && l.isCard())
            .orElseThrow(
                () ->
                    FailureReason.LEG_NOT_AUTHORIZED.exception(
                        "leg " + key + " is no authorized CARD leg"));
    if (leg.state().closed()) {
      throw FailureReason.ALREADY_CLOSED.exception("leg " + key + " was voided");
    }
    if (!pspAuthorizationId.equals(leg.pspAuthorizationId()) || capturedAmount != leg.amount()) {
      throw FailureReason.PROVIDER_RECORD_MISMATCH.exception(
          "the provider captured "
              + capturedAmount
              + " JPY on "
              + pspAuthorizationId
              + "; leg "
              + key
              + " holds "
              + leg.amount()
              + " JPY on "
              + leg.pspAuthorizationId());
    }
    if (leg.state() == State.TRIED) {
      TccFence.transition(c, key, State.TRIED, State.CONFIRMED);
      ledger.post(c, "reconciled-post:" + key.reference(), leg.pendingEntryId());
    }
    return CaptureLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.LEG_STATE_CAPTURED)
        .setAmount(leg.amount())
        .build();
  }
}
