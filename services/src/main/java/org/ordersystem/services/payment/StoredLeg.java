package org.ordersystem.services.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.payment.TccFence.State;

/** A leg's fence state and what its Try recorded, and its refunds; a barrier has only the state. */
record StoredLeg(
    State state,
    String customerId,
    SourceType source,
    long amount,
    long pendingEntryId,
    String pspAuthorizationId,
    long refundedAmount) {

  /** Reads the columns from {@code first} on, in the order of {@code PaymentStore}'s selects. */
  static StoredLeg read(ResultSet rs, int first) throws SQLException {
    String sourceName = rs.getString(first + 2);
    return new StoredLeg(
        State.valueOf(rs.getString(first)),
        rs.getString(first + 1),
        sourceName == null
            ? SourceType.SOURCE_TYPE_UNSPECIFIED
            : SourceType.valueOf("SOURCE_TYPE_" + sourceName),
        rs.getLong(first + 3),
        rs.getLong(first + 4),
        rs.getString(first + 5),
        rs.getLong(first + 6));
  }

  boolean isCard() {
    return source == SourceType.SOURCE_TYPE_CARD;
  }

  /** An authorized card leg: only its Confirm and Cancel need the provider. */
  boolean isOpenCard() {
    return isCard() && state == State.TRIED;
  }

  /** What a refund may still return: captured and not refunded yet, 0 unless captured. */
  long refundable() {
    return state == State.CONFIRMED ? amount - refundedAmount : 0;
  }

  LegState legState() {
    return switch (state) {
      case TRIED -> LegState.LEG_STATE_AUTHORIZED;
      case CONFIRMED -> LegState.LEG_STATE_CAPTURED;
      case CANCELLED, SUSPENDED -> LegState.LEG_STATE_VOIDED;
    };
  }
}
