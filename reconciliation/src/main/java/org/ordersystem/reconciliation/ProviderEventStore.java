package org.ordersystem.reconciliation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.workflows.reconciliation.ProviderRecord;
import org.ordersystem.workflows.reconciliation.ProviderState;

/**
 * The provider's events as delivered: stored once per event id however often they arrive, and read
 * back per reference as the event with the highest sequence, whatever order they arrived in.
 */
public final class ProviderEventStore {

  /** The one feed there is; a second provider would be a second cursor. */
  static final String FEED = "psp";

  private static final String LATEST =
      "SELECT e.reference, e.authorization_id, e.state, e.authorized_amount, e.captured_amount,"
          + " e.refunded_amount, e.sequence, e.occurred_at_ms FROM recon_provider_events e"
          + " WHERE e.sequence = (SELECT MAX(x.sequence) FROM recon_provider_events x"
          + " WHERE x.reference = e.reference AND x.authorization_id = e.authorization_id)";

  private final DataSource dataSource;
  private final Clock clock;

  public ProviderEventStore(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Where to pull the feed from; empty for its start. */
  public String cursor() {
    return Sql.read(
        dataSource,
        c -> {
          try (PreparedStatement select =
              Sql.bind(
                  c.prepareStatement("SELECT cursor_value FROM recon_feed_cursor WHERE feed = ?"),
                  FEED)) {
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? rs.getString(1) : "";
            }
          }
        });
  }

  /**
   * Stores a page of events and the cursor after it in one transaction, so a crash in between
   * neither skips events nor loses the cursor.
   *
   * @return how many of the events were new
   */
  public int storePage(Collection<ProviderEvent> events, String nextCursor) {
    long now = clock.millis();
    return Sql.transaction(
        dataSource,
        c -> {
          int stored = 0;
          for (ProviderEvent e : events) {
            stored += insert(c, e, now);
          }
          try (PreparedStatement cursor =
              Sql.bind(
                  c.prepareStatement(
                      "INSERT INTO recon_feed_cursor (feed, cursor_value, updated_at_ms)"
                          + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                          + " cursor_value = VALUES(cursor_value),"
                          + " updated_at_ms = VALUES(updated_at_ms)"),
                  FEED,
                  nextCursor,
                  now)) {
            cursor.executeUpdate();
          }
          return stored;
        });
  }

  /** The provider's record of every reference with an event at or after {@code since}. */
  public Map<String, ProviderRecord> changedSince(Instant since) {
    return Sql.read(
        dataSource,
        c -> {
          Map<String, ProviderRecord> records = new LinkedHashMap<>();
          try (PreparedStatement select =
              Sql.bind(
                  c.prepareStatement(
                      LATEST
                          + " AND e.reference IN (SELECT reference FROM recon_provider_events"
                          + " WHERE occurred_at_ms >= ?) ORDER BY e.reference"),
                  since.toEpochMilli())) {
            readInto(select, records);
          }
          return records;
        });
  }

  /** The provider's record of these references; those it has no event of are left out. */
  public Map<String, ProviderRecord> find(List<String> references) {
    Map<String, ProviderRecord> records = new LinkedHashMap<>();
    if (references.isEmpty()) {
      return records;
    }
    return Sql.read(
        dataSource,
        c -> {
          String marks = String.join(", ", java.util.Collections.nCopies(references.size(), "?"));
          try (PreparedStatement select =
              Sql.bind(
                  c.prepareStatement(LATEST + " AND e.reference IN (" + marks + ")"),
                  references.toArray())) {
            readInto(select, records);
          }
          return records;
        });
  }

  /** The provider's record of one reference, if it has any event of it. */
  public Optional<ProviderRecord> find(String reference) {
    return Optional.ofNullable(find(List.of(reference)).get(reference));
  }

  private static int insert(Connection c, ProviderEvent e, long now) throws SQLException {
    // A redelivered event meets its own primary key and changes nothing.
    try (PreparedStatement insert =
        Sql.bind(
            c.prepareStatement(
                "INSERT IGNORE INTO recon_provider_events (event_id, authorization_id, reference,"
                    + " sequence, type, amount, state, authorized_amount, captured_amount,"
                    + " refunded_amount, occurred_at_ms, received_at_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            e.eventId(),
            e.authorizationId(),
            e.reference(),
            e.sequence(),
            e.type(),
            e.amount(),
            e.state().name(),
            e.authorized(),
            e.captured(),
            e.refunded(),
            e.occurredAt().toEpochMilli(),
            now)) {
      return insert.executeUpdate();
    }
  }

  /**
   * One record per reference. A reference carries one authorization at the provider; should two
   * ever share one, the later event wins and the comparison shows the difference.
   */
  private static void readInto(PreparedStatement select, Map<String, ProviderRecord> records)
      throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        ProviderRecord record =
            new ProviderRecord(
                rs.getString(2),
                ProviderState.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                Instant.ofEpochMilli(rs.getLong(8)));
        records.merge(
            rs.getString(1), record, (a, b) -> a.lastEventAt().isAfter(b.lastEventAt()) ? a : b);
      }
    }
  }
}
