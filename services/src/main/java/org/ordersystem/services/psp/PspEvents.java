package org.ordersystem.services.psp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.proto.psp.v1.PaymentEvent;
import org.ordersystem.proto.psp.v1.PaymentEventType;

/**
 * The provider's event log: every state change of an authorization appends one event in the
 * transaction of the change, numbered 1, 2, ... per authorization. The authorization's row is
 * locked (or was just inserted) by that transaction, so two changes of one authorization never draw
 * the same number.
 */
final class PspEvents {

  private static final String COLUMNS =
      "position, event_id, authorization_id, reference, sequence, type, amount, state,"
          + " authorized_amount, captured_amount, refunded_amount, occurred_at_ms";

  private PspEvents() {}

  /** Appends the event of a change; {@code after} is the authorization as the change left it. */
  static void append(
      Connection c, StoredAuthorization after, PaymentEventType type, long amount, long nowMs)
      throws SQLException {
    long sequence;
    try (PreparedStatement next =
        c.prepareStatement(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM events WHERE authorization_id = ?")) {
      next.setString(1, after.id());
      try (ResultSet rs = next.executeQuery()) {
        rs.next();
        sequence = rs.getLong(1);
      }
    }
    AuthorizationState state = after.toProto(nowMs).getState();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO events (event_id, authorization_id, reference, sequence, type, amount,"
                + " state, authorized_amount, captured_amount, refunded_amount, occurred_at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, "evt_" + UUID.randomUUID().toString().replace("-", ""));
      insert.setString(2, after.id());
      insert.setString(3, after.reference());
      insert.setLong(4, sequence);
      insert.setString(5, name(type));
      insert.setLong(6, amount);
      insert.setString(7, state.name().substring("AUTHORIZATION_STATE_".length()));
      insert.setLong(8, after.amount());
      insert.setLong(9, after.captured());
      insert.setLong(10, after.refunded());
      insert.setLong(11, nowMs);
      insert.executeUpdate();
    }
  }

  /**
   * Publishes the EXPIRED event of every hold that lapsed by {@code nowMs} and has none yet. Expiry
   * is derived from the clock, so this runs when the feed is read rather than on a timer: no reader
   * can see the feed without the expiries that happened before it looked.
   */
  static int publishExpiries(Connection c, long nowMs) throws SQLException {
    List<StoredAuthorization> lapsed = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + PspStore.COLUMNS
                + " FROM authorizations WHERE state = 'AUTHORIZED' AND expires_at_ms <= ?"
                + " AND NOT expiry_published ORDER BY seq FOR UPDATE")) {
      select.setLong(1, nowMs);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          lapsed.add(StoredAuthorization.read(rs));
        }
      }
    }
    for (StoredAuthorization row : lapsed) {
      append(c, row, PaymentEventType.PAYMENT_EVENT_TYPE_EXPIRED, 0, nowMs);
      try (PreparedStatement mark =
          c.prepareStatement("UPDATE authorizations SET expiry_published = TRUE WHERE seq = ?")) {
        mark.setLong(1, row.seq());
        mark.executeUpdate();
      }
    }
    return lapsed.size();
  }

  /**
   * Up to {@code limit} events after {@code afterPosition}, in feed order, leaving out those
   * written less than {@code settleMillis} ago by the database's clock: until then a sibling with a
   * lower position may still be uncommitted, and a reader that moved past it would never see it.
   */
  static List<FeedEvent> after(Connection c, long afterPosition, int limit, long settleMillis)
      throws SQLException {
    List<FeedEvent> events = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM events WHERE position > ?"
                + " AND created_at < NOW(6) - INTERVAL ? MICROSECOND ORDER BY position LIMIT ?")) {
      select.setLong(1, afterPosition);
      select.setLong(2, settleMillis * 1000);
      select.setInt(3, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.add(new FeedEvent(rs.getLong(1), read(rs)));
        }
      }
    }
    return events;
  }

  private static PaymentEvent read(ResultSet rs) throws SQLException {
    return PaymentEvent.newBuilder()
        .setEventId(rs.getString(2))
        .setAuthorizationId(rs.getString(3))
        .setReference(rs.getString(4))
        .setSequence(rs.getLong(5))
        .setType(PaymentEventType.valueOf("PAYMENT_EVENT_TYPE_" + rs.getString(6)))
        .setAmount(rs.getLong(7))
        .setState(AuthorizationState.valueOf("AUTHORIZATION_STATE_" + rs.getString(8)))
        .setAuthorizedAmount(rs.getLong(9))
        .setCapturedAmount(rs.getLong(10))
        .setRefundedAmount(rs.getLong(11))
        .setOccurredAtMs(rs.getLong(12))
        .build();
  }

  private static String name(PaymentEventType type) {
    return type.name().substring("PAYMENT_EVENT_TYPE_".length());
  }

  /** An event at its feed position. */
  record FeedEvent(long position, PaymentEvent event) {}
}
