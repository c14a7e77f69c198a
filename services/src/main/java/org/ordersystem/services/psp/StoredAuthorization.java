package org.ordersystem.services.psp;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;

/**
 * An authorization row as stored: state AUTHORIZED, CAPTURED or VOIDED; EXPIRED is derived from the
 * clock when shown.
 */
record StoredAuthorization(
    long seq,
    String id,
    String reference,
    String cardToken,
    long amount,
    long captured,
    long refunded,
    String state,
    long expiresAtMs) {

  static final String AUTHORIZED = "AUTHORIZED";

  static StoredAuthorization read(ResultSet rs) throws SQLException {
    return new StoredAuthorization(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getString(8),
        rs.getLong(9));
  }

  /** Expiry applies to holds only: once captured or voided the clock no longer matters. */
  boolean expired(long now) {
    return state.equals(AUTHORIZED) && now >= expiresAtMs;
  }

  StoredAuthorization with(String newState, long newCaptured, long newRefunded) {
    return new StoredAuthorization(
        seq, id, reference, cardToken, amount, newCaptured, newRefunded, newState, expiresAtMs);
  }

  Authorization toProto(long now) {
    AuthorizationState shown =
        expired(now)
            ? AuthorizationState.AUTHORIZATION_STATE_EXPIRED
            : AuthorizationState.valueOf("AUTHORIZATION_STATE_" + state);
    return Authorization.newBuilder()
        .setAuthorizationId(id)
        .setReference(reference)
        .setCardToken(cardToken)
        .setAmount(amount)
        .setCapturedAmount(captured)
        .setRefundedAmount(refunded)
        .setState(shown)
        .setExpiresAtMs(expiresAtMs)
        .build();
  }
}
