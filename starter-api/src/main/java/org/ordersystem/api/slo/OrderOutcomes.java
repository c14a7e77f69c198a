package org.ordersystem.api.slo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ordersystem.workflows.model.OrderStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What the SLO monitor reads from the order read model: where watched orders stand, how many are
 * PENDING, and the unfinished orders grouped by step and reason for the first report. Every query
 * is by primary key or on the {@code orders_by_status} index.
 */
public class OrderOutcomes {

  /** Where one order stands. */
  public record Outcome(
      String orderId,
      OrderStatus status,
      String step,
      String reason,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * Unfinished orders that share a status, a step and a reason.
   *
   * @param sampleOrderId the most recently updated of them, to look at first
   */
  public record StuckGroup(
      OrderStatus status, String step, String reason, long orders, String sampleOrderId) {}

  private static final String SELECT_OUTCOMES =
      "SELECT order_id, status, step, COALESCE(pending_reason, reason) AS why, created_at,"
          + " updated_at FROM orders WHERE order_id IN (:ids)";
  private static final String COUNT_PENDING =
      "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'";
  // Two range scans of orders_by_status, as the recovery sweep reads them.
  private static final String SELECT_STUCK =
      "SELECT status, step, COALESCE(pending_reason, reason) AS why, order_id, updated_at"
          + " FROM orders WHERE status = 'PENDING'"
          + " UNION ALL SELECT status, step, reason AS why, order_id, updated_at FROM orders"
          + " WHERE status = 'CREATING' AND updated_at < :staleBefore";
  private static final int MAX_IDS_PER_QUERY = 500;

  private final NamedParameterJdbcTemplate jdbc;

  public OrderOutcomes(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The orders among {@code orderIds} that the read model has, by id. */
  public Map<String, Outcome> find(Collection<String> orderIds) {
    Map<String, Outcome> found = new HashMap<>();
    List<String> ids = List.copyOf(orderIds);
    for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
      jdbc.query(
          SELECT_OUTCOMES,
          new MapSqlParameterSource("ids", batch),
          rs -> {
            Outcome o =
                new Outcome(
                    rs.getString("order_id"),
                    OrderStatus.valueOf(rs.getString("status")),
                    rs.getString("step"),
                    rs.getString("why"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
            found.put(o.orderId(), o);
          });
    }
    return found;
  }

  public long pendingCount() {
    Long count = jdbc.getJdbcTemplate().queryForObject(COUNT_PENDING, Long.class);
    return count == null ? 0 : count;
  }

  /**
   * Every PENDING order and every CREATING one not moved since {@code staleBefore}, grouped by
   * status, step and reason, largest group first.
   */
  public List<StuckGroup> stuck(Instant staleBefore, int maxGroups) {
    Map<List<String>, long[]> counts = new HashMap<>();
    Map<List<String>, Sample> samples = new HashMap<>();
    jdbc.query(
        SELECT_STUCK,
        new MapSqlParameterSource("staleBefore", Timestamp.from(staleBefore)),
        rs -> {
          List<String> key =
              List.of(
                  rs.getString("status"),
                  rs.getString("step"),
                  String.valueOf(rs.getString("why")));
          counts.computeIfAbsent(key, k -> new long[1])[0]++;
          Instant updated = rs.getTimestamp("updated_at").toInstant();
          Sample sample = samples.get(key);
          if (sample == null || updated.isAfter(sample.updatedAt())) {
            samples.put(key, new Sample(rs.getString("order_id"), updated));
          }
        });
    return counts.entrySet().stream()
        .map(
            e ->
                new StuckGroup(
                    OrderStatus.valueOf(e.getKey().get(0)),
                    e.getKey().get(1),
                    "null".equals(e.getKey().get(2)) ? null : e.getKey().get(2),
                    e.getValue()[0],
                    samples.get(e.getKey()).orderId()))
        .sorted((a, b) -> Long.compare(b.orders(), a.orders()))
        .limit(maxGroups)
        .toList();
  }

  private record Sample(String orderId, Instant updatedAt) {}
}
