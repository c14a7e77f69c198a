package org.ordersystem.services.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.payment.PaymentServiceImpl.LegKey;

/**
 * Accounts and payment legs. A leg is a fenced Try/Confirm/Cancel: AUTHORIZED, then CAPTURED or
 * VOIDED; a void with nothing to void leaves a VOIDED barrier that refuses a late authorize.
 *
 * <p>Every mutation runs inside the caller's transaction and locks the leg row first, then the
 * account row, so capture and void of one leg queue on the leg's lock and exactly one of them finds
 * it AUTHORIZED. A missing leg row is created by an INSERT; an authorize and a void racing to
 * create it meet on the primary key, and the loser runs again and finds the winner's row.
 */
final class PaymentStore {

  private static final String AUTHORIZED = "AUTHORIZED";
  private static final String CAPTURED = "CAPTURED";
  private static final String VOIDED = "VOIDED";
  private static final String BALANCE = "BALANCE";

  AuthorizeLegResponse authorize(Connection c, LegKey key, String customerId, long amount)
      throws SQLException {
    StoredLeg leg = lock(c, key);
    if (leg != null) {
      if (leg.state().equals(VOIDED)) {
        throw FailureReason.ALREADY_CLOSED.exception("leg " + key + " was voided");
      }
      // A second authorize of the leg under another key answers with the leg as it stands.
      return authorizeResponse(key, leg.state(), leg.amount());
    }
    try (PreparedStatement hold =
        c.prepareStatement(
            "UPDATE accounts SET pending = pending + ?"
                + " WHERE customer_id = ? AND posted - pending >= ?")) {
      hold.setLong(1, amount);
      hold.setString(2, customerId);
      hold.setLong(3, amount);
      if (hold.executeUpdate() == 0) {
        throw declined(c, customerId, amount);
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO payment_legs (payment_id, leg_id, customer_id, source_type, amount, state)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, key.paymentId());
      insert.setString(2, key.legId());
      insert.setString(3, customerId);
      insert.setString(4, BALANCE);
      insert.setLong(5, amount);
      insert.setString(6, AUTHORIZED);
      insert.executeUpdate();
    }
    return authorizeResponse(key, AUTHORIZED, amount);
  }

  CaptureLegResponse capture(Connection c, LegKey key) throws SQLException {
    StoredLeg leg = lock(c, key);
    if (leg == null) {
      throw FailureReason.LEG_NOT_AUTHORIZED.exception("leg " + key + " was never authorized");
    }
    if (leg.state().equals(VOIDED)) {
      throw FailureReason.ALREADY_CLOSED.exception("leg " + key + " was voided");
    }
    if (leg.state().equals(AUTHORIZED)) {
      post(c, leg);
      setState(c, key, CAPTURED);
    }
    return CaptureLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.LEG_STATE_CAPTURED)
        .setAmount(leg.amount())
        .build();
  }

  VoidLegResponse voidLeg(Connection c, LegKey key) throws SQLException {
    StoredLeg leg = lock(c, key);
    if (leg == null) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO payment_legs (payment_id, leg_id, amount, state) VALUES (?, ?, 0, ?)")) {
        insert.setString(1, key.paymentId());
        insert.setString(2, key.legId());
        insert.setString(3, VOIDED);
        insert.executeUpdate();
      }
    } else if (leg.state().equals(CAPTURED)) {
      throw FailureReason.ALREADY_CAPTURED.exception("leg " + key + " was captured");
    } else if (leg.state().equals(AUTHORIZED)) {
      unhold(c, leg);
      setState(c, key, VOIDED);
    }
    return VoidLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.LEG_STATE_VOIDED)
        .build();
  }

  GetPaymentResponse payment(Connection c, String paymentId) throws SQLException {
    GetPaymentResponse.Builder response = GetPaymentResponse.newBuilder().setPaymentId(paymentId);
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT leg_id, customer_id, source_type, amount, state FROM payment_legs"
                + " WHERE payment_id = ? ORDER BY leg_id")) {
      select.setString(1, paymentId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          response.addLegs(
              Leg.newBuilder()
                  .setLegId(rs.getString(1))
                  .setCustomerId(rs.getString(2) == null ? "" : rs.getString(2))
                  .setSourceType(
                      rs.getString(3) == null
                          ? SourceType.SOURCE_TYPE_UNSPECIFIED
                          : SourceType.valueOf("SOURCE_TYPE_" + rs.getString(3)))
                  .setAmount(rs.getLong(4))
                  .setState(LegState.valueOf("LEG_STATE_" + rs.getString(5))));
        }
      }
    }
    if (response.getLegsCount() == 0) {
      throw FailureReason.UNKNOWN_PAYMENT.exception("payment " + paymentId + " has no legs");
    }
    return response.build();
  }

  List<Account> accounts(Connection c) throws SQLException {
    try (PreparedStatement select =
            c.prepareStatement(
                "SELECT customer_id, posted, pending FROM accounts ORDER BY customer_id");
        ResultSet rs = select.executeQuery()) {
      List<Account> accounts = new ArrayList<>();
      while (rs.next()) {
        long posted = rs.getLong(2);
        long pending = rs.getLong(3);
        accounts.add(
            Account.newBuilder()
                .setCustomerId(rs.getString(1))
                .setPosted(posted)
                .setPending(pending)
                .setAvailable(posted - pending)
                .build());
      }
      return accounts;
    }
  }

  private static StoredLeg lock(Connection c, LegKey key) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT customer_id, amount, state FROM payment_legs"
                + " WHERE payment_id = ? AND leg_id = ? FOR UPDATE")) {
      select.setString(1, key.paymentId());
      select.setString(2, key.legId());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? new StoredLeg(rs.getString(1), rs.getLong(2), rs.getString(3)) : null;
      }
    }
  }

  /** Confirm: the authorized amount leaves the account for good. */
  private static void post(Connection c, StoredLeg leg) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE accounts SET posted = posted - ?, pending = pending - ?"
                + " WHERE customer_id = ?")) {
      update.setLong(1, leg.amount());
      update.setLong(2, leg.amount());
      update.setString(3, leg.customerId());
      update.executeUpdate();
    }
  }

  /** Cancel: the authorized amount becomes available again. */
  private static void unhold(Connection c, StoredLeg leg) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE accounts SET pending = pending - ? WHERE customer_id = ?")) {
      update.setLong(1, leg.amount());
      update.setString(2, leg.customerId());
      update.executeUpdate();
    }
  }

  private static void setState(Connection c, LegKey key, String state) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE payment_legs SET state = ? WHERE payment_id = ? AND leg_id = ?")) {
      update.setString(1, state);
      update.setString(2, key.paymentId());
      update.setString(3, key.legId());
      update.executeUpdate();
    }
  }

  /** Why an authorization was refused: the customer is unknown, or short of funds. */
  private static RuntimeException declined(Connection c, String customerId, long amount)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT 1 FROM accounts WHERE customer_id = ?")) {
      select.setString(1, customerId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return FailureReason.UNKNOWN_CUSTOMER.exception(
              "customer " + customerId + " has no account");
        }
      }
    }
    return FailureReason.PAYMENT_DECLINED.exception(
        "insufficient balance: customer " + customerId + " cannot cover " + amount + " JPY");
  }

  private static AuthorizeLegResponse authorizeResponse(LegKey key, String state, long amount) {
    return AuthorizeLegResponse.newBuilder()
        .setPaymentId(key.paymentId())
        .setLegId(key.legId())
        .setState(LegState.valueOf("LEG_STATE_" + state))
        .setAmount(amount)
        .build();
  }

  private record StoredLeg(String customerId, long amount, String state) {}
}
