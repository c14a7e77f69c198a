package org.ordersystem.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchClass;
import org.ordersystem.workflows.reconciliation.MismatchState;
import org.ordersystem.workflows.reconciliation.ProviderRecord;
import org.ordersystem.workflows.reconciliation.ProviderState;

/**
 * Stored mismatches. Rows change state only forward (OPEN, then AUTO_RESOLVED or
 * RESOLVED_BY_OPERATOR), each by a conditional update, so two runs, or a run and an operator, never
 * both close one; and they are never deleted.
 */
public final class MismatchStore {

  /** Who closes mismatches whose sides agree again. */
  public static final String RECONCILIATION = "reconciliation";

  private static final int MAX_ACTION_LENGTH = 4000;

  private final DataSource dataSource;

  public MismatchStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** How an operator's resolve ended. */
  public enum OperatorOutcome {
    RESOLVED,
    NOT_FOUND,
    NOT_OPEN
  }

  /**
   * Opens a mismatch of the reference, or brings the OPEN one up to date (class, both sides, last
   * run); concurrent runs meet on the unique open reference and the second updates.
   */
  public Mismatch recordOpen(
      String runId,
      String reference,
      MismatchClass mismatchClass,
      ProviderRecord provider,
      InternalRecord internal,
      Instant now) {
    String[] ids = Mismatch.split(reference);
    return Sql.transaction(
        dataSource,
        c -> {
          Object[] sides = sides(provider, internal);
          try (PreparedStatement upsert =
              Sql.bind(
                  c.prepareStatement(
                      "INSERT INTO recon_mismatches (reference, payment_id, leg_id, open_reference,"
                          + " mismatch_class, state, provider_authorization_id, provider_state,"
                          + " provider_authorized, provider_captured, provider_refunded,"
                          + " provider_sequence, provider_event_at_ms, internal_state,"
                          + " internal_amount, internal_refunded, internal_authorization_id,"
                          + " internal_changed_at_ms, detected_run, last_run, detected_at_ms,"
                          + " updated_at_ms) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?,"
                          + " ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                          + " mismatch_class = VALUES(mismatch_class),"
                          + " provider_authorization_id = VALUES(provider_authorization_id),"
                          + " provider_state = VALUES(provider_state),"
                          + " provider_authorized = VALUES(provider_authorized),"
                          + " provider_captured = VALUES(provider_captured),"
                          + " provider_refunded = VALUES(provider_refunded),"
                          + " provider_sequence = VALUES(provider_sequence),"
                          + " provider_event_at_ms = VALUES(provider_event_at_ms),"
                          + " internal_state = VALUES(internal_state),"
                          + " internal_amount = VALUES(internal_amount),"
                          + " internal_refunded = VALUES(internal_refunded),"
                          + " internal_authorization_id = VALUES(internal_authorization_id),"
                          + " internal_changed_at_ms = VALUES(internal_changed_at_ms),"
                          + " last_run = VALUES(last_run), updated_at_ms = VALUES(updated_at_ms)"),
                  concat(
                      new Object[] {reference, ids[0], ids[1], reference, mismatchClass.name()},
                      sides,
                      new Object[] {runId, runId, now.toEpochMilli(), now.toEpochMilli()}))) {
            upsert.executeUpdate();
          }
          return openFor(c, reference).orElseThrow();
        });
  }

  /**
   * Closes an OPEN mismatch whose sides agree again, recording how: after reconciliation's action,
   * or by themselves (a late event, the order's own retry).
   *
   * @return whether this call closed it
   */
  public boolean autoResolve(long id, String runId, Instant now) {
    return Sql.transaction(
        dataSource,
        c -> {
          try (PreparedStatement update =
              Sql.bind(
                  c.prepareStatement(
                      "UPDATE recon_mismatches SET state = 'AUTO_RESOLVED', open_reference = NULL,"
                          + " resolution = IF(action IS NULL,"
                          + " 'the sides agree again without a correction (a late event or the"
                          + " order''s own retry)', 'the sides agree after the correction'),"
                          + " resolved_by = ?, resolved_at_ms = ?, updated_at_ms = ?, last_run = ?"
                          + " WHERE mismatch_id = ? AND state = 'OPEN'"),
                  RECONCILIATION,
                  now.toEpochMilli(),
                  now.toEpochMilli(),
                  runId,
                  id)) {
            return update.executeUpdate() == 1;
          }
        });
  }

  /** Closes an OPEN mismatch for an operator, with their note. */
  public OperatorOutcome resolveByOperator(long id, String operator, String note, Instant now) {
    return Sql.transaction(
        dataSource,
        c -> {
          try (PreparedStatement update =
              Sql.bind(
                  c.prepareStatement(
                      "UPDATE recon_mismatches SET state = 'RESOLVED_BY_OPERATOR',"
                          + " open_reference = NULL, resolution = ?, resolved_by = ?,"
                          + " resolved_at_ms = ?, updated_at_ms = ?"
                          + " WHERE mismatch_id = ? AND state = 'OPEN'"),
                  note,
                  operator,
                  now.toEpochMilli(),
                  now.toEpochMilli(),
                  id)) {
            if (update.executeUpdate() == 1) {
              return OperatorOutcome.RESOLVED;
            }
          }
          return find(c, id).isPresent() ? OperatorOutcome.NOT_OPEN : OperatorOutcome.NOT_FOUND;
        });
  }

  /** Adds a line to what was done about the mismatch (the oldest lines go past 4000 chars). */
  public void noteAction(long id, String line, Instant now) {
    Sql.transaction(
        dataSource,
        c -> {
          try (PreparedStatement update =
              Sql.bind(
                  c.prepareStatement(
                      "UPDATE recon_mismatches SET action = RIGHT(CONCAT_WS('\\n', action, ?), ?),"
                          + " updated_at_ms = ? WHERE mismatch_id = ?"),
                  line,
                  MAX_ACTION_LENGTH,
                  now.toEpochMilli(),
                  id)) {
            return update.executeUpdate();
          }
        });
  }

  public void markNotified(long id, Instant now) {
    Sql.transaction(
        dataSource,
        c -> {
          try (PreparedStatement update =
              Sql.bind(
                  c.prepareStatement(
                      "UPDATE recon_mismatches SET notified_at_ms = COALESCE(notified_at_ms, ?)"
                          + " WHERE mismatch_id = ?"),
                  now.toEpochMilli(),
                  id)) {
            return update.executeUpdate();
          }
        });
  }

  public Optional<Mismatch> find(long id) {
    return Sql.read(dataSource, c -> find(c, id));
  }

  /** Every OPEN mismatch, oldest first. */
  public List<Mismatch> allOpen() {
    return list(MismatchState.OPEN, Integer.MAX_VALUE, Long.MAX_VALUE, true);
  }

  /**
   * Mismatches newest first, in {@code state} or any when null, with ids below {@code beforeId}.
   */
  public List<Mismatch> list(MismatchState state, int limit, long beforeId) {
    return list(state, limit, beforeId, false);
  }

  private List<Mismatch> list(MismatchState state, int limit, long beforeId, boolean oldestFirst) {
    return Sql.read(
        dataSource,
        c -> {
          String where = state == null ? "" : " AND state = ?";
          Object[] params =
              state == null
                  ? new Object[] {beforeId, limit}
                  : new Object[] {beforeId, state.name(), limit};
          try (PreparedStatement select =
              Sql.bind(
                  c.prepareStatement(
                      "SELECT * FROM recon_mismatches WHERE mismatch_id < ?"
                          + where
                          + " ORDER BY mismatch_id "
                          + (oldestFirst ? "ASC" : "DESC")
                          + " LIMIT ?"),
                  params)) {
            return readAll(select);
          }
        });
  }

  private static Optional<Mismatch> find(Connection c, long id) throws SQLException {
    try (PreparedStatement select =
        Sql.bind(c.prepareStatement("SELECT * FROM recon_mismatches WHERE mismatch_id = ?"), id)) {
      return readAll(select).stream().findFirst();
    }
  }

  private static Optional<Mismatch> openFor(Connection c, String reference) throws SQLException {
    try (PreparedStatement select =
        Sql.bind(
            c.prepareStatement("SELECT * FROM recon_mismatches WHERE open_reference = ?"),
            reference)) {
      return readAll(select).stream().findFirst();
    }
  }

  private static List<Mismatch> readAll(PreparedStatement select) throws SQLException {
    List<Mismatch> mismatches = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        mismatches.add(read(rs));
      }
    }
    return mismatches;
  }

  private static Mismatch read(ResultSet rs) throws SQLException {
    ProviderRecord provider =
        rs.getString("provider_state") == null
            ? null
            : new ProviderRecord(
                rs.getString("provider_authorization_id"),
                ProviderState.valueOf(rs.getString("provider_state")),
                rs.getLong("provider_authorized"),
                rs.getLong("provider_captured"),
                rs.getLong("provider_refunded"),
                rs.getLong("provider_sequence"),
                Instant.ofEpochMilli(rs.getLong("provider_event_at_ms")));
    InternalRecord internal =
        rs.getString("internal_state") == null
            ? null
            : new InternalRecord(
                LegState.valueOf(rs.getString("internal_state")),
                rs.getLong("internal_amount"),
                rs.getLong("internal_refunded"),
                rs.getString("internal_authorization_id"),
                Instant.ofEpochMilli(rs.getLong("internal_changed_at_ms")));
    return new Mismatch(
        rs.getLong("mismatch_id"),
        rs.getString("reference"),
        rs.getString("payment_id"),
        rs.getString("leg_id"),
        MismatchClass.valueOf(rs.getString("mismatch_class")),
        MismatchState.valueOf(rs.getString("state")),
        provider,
        internal,
        rs.getString("action"),
        rs.getString("resolution"),
        rs.getString("resolved_by"),
        Instant.ofEpochMilli(rs.getLong("detected_at_ms")),
        Instant.ofEpochMilli(rs.getLong("updated_at_ms")),
        instant(Sql.longOrNull(rs, "resolved_at_ms")),
        instant(Sql.longOrNull(rs, "notified_at_ms")));
  }

  private static Instant instant(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
  }

  private static Object[] sides(ProviderRecord p, InternalRecord i) {
    return new Object[] {
      p == null ? null : p.authorizationId(),
      p == null ? null : p.state().name(),
      p == null ? null : p.authorized(),
      p == null ? null : p.captured(),
      p == null ? null : p.refunded(),
      p == null ? null : p.lastSequence(),
      p == null ? null : p.lastEventAt().toEpochMilli(),
      i == null ? null : i.state().name(),
      i == null ? null : i.amount(),
      i == null ? null : i.refunded(),
      i == null ? null : i.pspAuthorizationId(),
      i == null ? null : i.changedAt().toEpochMilli()
    };
  }

  private static Object[] concat(Object[]... parts) {
    List<Object> all = new ArrayList<>();
    for (Object[] part : parts) {
      all.addAll(java.util.Arrays.asList(part));
    }
    return all.toArray();
  }
}
