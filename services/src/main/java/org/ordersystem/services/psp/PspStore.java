package org.ordersystem.services.psp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.ListAuthorizationsResponse;
import org.ordersystem.proto.psp.v1.PaymentEventType;
import org.ordersystem.services.common.FailureReason;

/**
 * Authorizations and their state machine: AUTHORIZED, then CAPTURED (once, all or part), VOIDED or,
 * past its expiry, EXPIRED. A void of a reference that has nothing leaves a VOIDED barrier.
 *
 * <p>Every mutation runs inside the caller's transaction and first locks the row it acts on (by id
 * or by reference), so capture and void of one authorization queue and exactly one of them finds it
 * AUTHORIZED. A missing reference row is created by an INSERT; an authorize and a void racing to
 * create it meet on the unique reference, and the loser runs again and finds the winner's row.
 * Every change appends its event to the feed ({@link PspEvents}) in the same transaction.
 */
final class PspStore {

  private static final String AUTHORIZED = StoredAuthorization.AUTHORIZED;
  private static final String CAPTURED = "CAPTURED";
  private static final String VOIDED = "VOIDED";
  static final String COLUMNS =
      "seq, authorization_id, reference, card_token, amount, captured_amount, refunded_amount,"
          + " state, expires_at_ms";

  private final Clock clock;
  private final Duration authorizationTtl;

  PspStore(Clock clock, Duration authorizationTtl) {
    this.clock = clock;
    this.authorizationTtl = authorizationTtl;
  }

  Authorization authorize(Connection c, String reference, TestCard card, long amount)
      throws SQLException {
    Optional<StoredAuthorization> existing = lock(c, "reference", reference);
    long now = clock.millis();
    if (existing.isPresent()) {
      StoredAuthorization row = existing.get();
      if (row.state().equals(VOIDED)) {
        throw FailureReason.ALREADY_CLOSED.exception("reference " + reference + " was voided");
      }
      if (row.expired(now)) {
        throw FailureReason.ALREADY_CLOSED.exception(
            "the authorization of reference " + reference + " expired");
      }
      if (!row.cardToken().equals(card.token()) || row.amount() != amount) {
        throw FailureReason.IDEMPOTENCY_CONFLICT.exception(
            "reference " + reference + " was authorized with other parameters");
      }
      // The same authorization asked for again under another key: one hold per reference.
      return row.toProto(now);
    }
    card.requireApproval(amount);
    StoredAuthorization row =
        new StoredAuthorization(
            0,
            newId(),
            reference,
            card.token(),
            amount,
            0,
            0,
            AUTHORIZED,
            now + authorizationTtl.toMillis());
    insert(c, row);
    PspEvents.append(c, row, PaymentEventType.PAYMENT_EVENT_TYPE_AUTHORIZED, amount, now);
    return row.toProto(now);
  }

  Authorization capture(Connection c, String authorizationId, long amount) throws SQLException {
    StoredAuthorization row = existing(c, authorizationId);
    long now = clock.millis();
    requireOpen(row, now);
    if (amount > row.amount()) {
      throw FailureReason.AMOUNT_EXCEEDED.exception(
          "capture of " + amount + " JPY above the authorized " + row.amount() + " JPY");
    }
    update(c, row.seq(), CAPTURED, amount, row.refunded());
    StoredAuthorization after = row.with(CAPTURED, amount, row.refunded());
    PspEvents.append(c, after, PaymentEventType.PAYMENT_EVENT_TYPE_CAPTURED, amount, now);
    return after.toProto(now);
  }

  Authorization voidAuthorization(Connection c, Lookup lookup) throws SQLException {
    Optional<StoredAuthorization> found = lock(c, lookup.column(), lookup.value());
    long now = clock.millis();
    if (found.isEmpty()) {
      if (lookup.byId()) {
        throw unknown(lookup);
      }
      // Nothing to void yet: the barrier makes a late authorization of this reference fail.
      StoredAuthorization barrier =
          new StoredAuthorization(0, newId(), lookup.value(), "", 0, 0, 0, VOIDED, 0);
      insert(c, barrier);
      PspEvents.append(c, barrier, PaymentEventType.PAYMENT_EVENT_TYPE_VOIDED, 0, now);
      return barrier.toProto(now);
    }
    StoredAuthorization row = found.get();
    if (row.state().equals(CAPTURED)) {
      throw FailureReason.ALREADY_CAPTURED.exception("authorization " + row.id() + " was captured");
    }
    if (row.state().equals(AUTHORIZED) && !row.expired(now)) {
      update(c, row.seq(), VOIDED, 0, 0);
      StoredAuthorization after = row.with(VOIDED, 0, 0);
      PspEvents.append(c, after, PaymentEventType.PAYMENT_EVENT_TYPE_VOIDED, 0, now);
      return after.toProto(now);
    }
    // Already voided, or expired: the hold is gone either way, so the void has nothing to do.
    return row.toProto(now);
  }

  Authorization refund(Connection c, String authorizationId, long amount) throws SQLException {
    StoredAuthorization row = existing(c, authorizationId);
    long left = row.captured() - row.refunded();
    if (amount > left) {
      throw FailureReason.AMOUNT_EXCEEDED.exception(
          "refund of "
              + amount
              + " JPY above the "
              + left
              + " JPY captured and not refunded on "
              + row.id());
    }
    update(c, row.seq(), row.state(), row.captured(), row.refunded() + amount);
    StoredAuthorization after = row.with(row.state(), row.captured(), row.refunded() + amount);
    long now = clock.millis();
    PspEvents.append(c, after, PaymentEventType.PAYMENT_EVENT_TYPE_REFUNDED, amount, now);
    return after.toProto(now);
  }

  Authorization get(Connection c, Lookup lookup) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM authorizations WHERE " + lookup.column() + " = ?")) {
      select.setString(1, lookup.value());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw unknown(lookup);
        }
        return StoredAuthorization.read(rs).toProto(clock.millis());
      }
    }
  }

  /** A page of authorizations older than {@code beforeSeq}, newest first. */
  ListAuthorizationsResponse list(Connection c, int pageSize, long beforeSeq) throws SQLException {
    ListAuthorizationsResponse.Builder response = ListAuthorizationsResponse.newBuilder();
    long now = clock.millis();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM authorizations WHERE seq < ? ORDER BY seq DESC LIMIT ?")) {
      select.setLong(1, beforeSeq);
      select.setInt(2, pageSize + 1);
      try (ResultSet rs = select.executeQuery()) {
        long lastSeq = 0;
        while (rs.next()) {
          if (response.getAuthorizationsCount() == pageSize) {
            response.setNextPageToken(Long.toString(lastSeq));
            break;
          }
          StoredAuthorization row = StoredAuthorization.read(rs);
          lastSeq = row.seq();
          response.addAuthorizations(row.toProto(now));
        }
      }
    }
    return response.build();
  }

  /** A provider-style id that says nothing about our reference. */
  private static String newId() {
    return "auth_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static void requireOpen(StoredAuthorization row, long now) {
    switch (row.state()) {
      case VOIDED ->
          throw FailureReason.ALREADY_CLOSED.exception("authorization " + row.id() + " was voided");
      case CAPTURED ->
          throw FailureReason.ALREADY_CAPTURED.exception(
              "authorization " + row.id() + " was captured");
      default -> {
        if (row.expired(now)) {
          throw FailureReason.AUTHORIZATION_EXPIRED.exception(
              "authorization " + row.id() + " expired at " + row.expiresAtMs() + " (epoch ms)");
        }
      }
    }
  }

  private static StoredAuthorization existing(Connection c, String authorizationId)
      throws SQLException {
    Lookup lookup = new Lookup(authorizationId, "");
    return lock(c, lookup.column(), lookup.value()).orElseThrow(() -> unknown(lookup));
  }

  private static Optional<StoredAuthorization> lock(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM authorizations WHERE " + column + " = ? FOR UPDATE")) {
      select.setString(1, value);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(StoredAuthorization.read(rs)) : Optional.empty();
      }
    }
  }

  private static void insert(Connection c, StoredAuthorization row) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO authorizations (authorization_id, reference, card_token, amount, state,"
                + " expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, row.id());
      insert.setString(2, row.reference());
      insert.setString(3, row.cardToken());
      insert.setLong(4, row.amount());
      insert.setString(5, row.state());
      insert.setLong(6, row.expiresAtMs());
      insert.executeUpdate();
    }
  }

  private static void update(Connection c, long seq, String state, long captured, long refunded)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE authorizations SET state = ?, captured_amount = ?, refunded_amount = ?"
                + " WHERE seq = ?")) {
      update.setString(1, state);
      update.setLong(2, captured);
      update.setLong(3, refunded);
      update.setLong(4, seq);
      update.executeUpdate();
    }
  }

  private static RuntimeException unknown(Lookup lookup) {
    return FailureReason.UNKNOWN_AUTHORIZATION.exception(
        "no authorization with " + lookup.column() + " " + lookup.value());
  }

  /** Finds an authorization by its id when given, else by our reference. */
  record Lookup(String authorizationId, String reference) {
    boolean byId() {
      return !authorizationId.isEmpty();
    }

    String column() {
      return byId() ? "authorization_id" : "reference";
    }

    String value() {
      return byId() ? authorizationId : reference;
    }
  }
}
