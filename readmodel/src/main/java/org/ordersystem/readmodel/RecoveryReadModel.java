package org.ordersystem.readmodel;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepSummary;

/**
 * What the recovery sweep reads and writes: the stuck orders it examines (from {@code orders}) and
 * its own record (table {@code recovery_sweeps}).
 */
public final class RecoveryReadModel {

  /** The most sweeps one {@link #recentSweeps} call returns. */
  public static final int MAX_SWEEPS = 100;

  private static final TypeReference<List<SweepItem>> ITEMS = new TypeReference<>() {};

  private static final String CANDIDATE_COLUMNS =
      "order_id, shop_id, status, step, created_at, updated_at, " + PendingColumns.NAMES;
  // Two range scans of orders_by_status (status, updated_at), each stopping after `limit` rows,
  // merged: an OR over both statuses would make the server read every CREATING order.
  private static final String SELECT_CANDIDATES =
      "(SELECT "
          + CANDIDATE_COLUMNS
          + " FROM orders WHERE status = 'PENDING' ORDER BY updated_at, order_id LIMIT ?)"
          + " UNION ALL (SELECT "
          + CANDIDATE_COLUMNS
          + " FROM orders WHERE status = 'CREATING' AND updated_at < ?"
          + " ORDER BY updated_at, order_id LIMIT ?)"
          + " ORDER BY updated_at, order_id LIMIT ?";
  private static final String INSERT_SWEEP =
      "INSERT IGNORE INTO recovery_sweeps (sweep_id, triggered_by, started_at, finished_at,"
          + " examined, retried, completed, rolled_back, waiting, reported, peak_concurrency,"
          + " items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_SWEEP = "SELECT * FROM recovery_sweeps WHERE sweep_id = ?";
  private static final String SELECT_RECENT_SWEEPS =
      "SELECT * FROM recovery_sweeps ORDER BY started_at DESC, sweep_id DESC LIMIT ?";

  private final DataSource dataSource;

  public RecoveryReadModel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Every PENDING order, and every CREATING order whose last transition is older than the query's
   * {@code staleBefore}; oldest transition first, at most the query's limit.
   */
  public List<SweepCandidate> findCandidates(CandidateQuery query) {
    if (query.staleBefore() == null) {
      throw new IllegalArgumentException("staleBefore is required");
    }
    if (query.limit() < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + query.limit());
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_CANDIDATES)) {
      ps.setInt(1, query.limit());
      ps.setTimestamp(2, Timestamp.from(query.staleBefore()));
      ps.setInt(3, query.limit());
      ps.setInt(4, query.limit());
      List<SweepCandidate> candidates = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidates.add(toCandidate(rs));
        }
      }
      return List.copyOf(candidates);
    } catch (SQLException e) {
      throw new ReadModelException("could not find recovery candidates", e);
    }
  }

  /**
   * Stores a finished sweep's summary. A sweep is recorded once: a retried write of the same sweep
   * id changes nothing.
   *
   * @return whether this write stored it (false when it was stored already)
   */
  public boolean recordSweep(SweepSummary summary) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT_SWEEP)) {
      ps.setString(1, summary.sweepId());
      ps.setString(2, ColumnText.clip(summary.trigger(), ColumnText.TRIGGERED_BY));
      ps.setTimestamp(3, Timestamp.from(summary.startedAt()));
      ps.setTimestamp(4, Timestamp.from(summary.finishedAt()));
      ps.setInt(5, summary.examined());
      ps.setInt(6, summary.retried());
      ps.setInt(7, summary.completed());
      ps.setInt(8, summary.rolledBack());
      ps.setInt(9, summary.waiting());
      ps.setInt(10, summary.reported());
      ps.setInt(11, summary.peakConcurrency());
      ps.setString(12, JsonColumns.write(summary.items() == null ? List.of() : summary.items()));
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new ReadModelException("could not record sweep " + summary.sweepId(), e);
    }
  }

  /** One sweep, if it was recorded. */
  public Optional<SweepSummary> findSweep(String sweepId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_SWEEP)) {
      ps.setString(1, sweepId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toSummary(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ReadModelException("could not read sweep " + sweepId, e);
    }
  }

  /** The latest sweeps, newest start first; {@code limit} from 1 to {@link #MAX_SWEEPS}. */
  public List<SweepSummary> recentSweeps(int limit) {
    if (limit < 1 || limit > MAX_SWEEPS) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_SWEEPS);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_RECENT_SWEEPS)) {
      ps.setInt(1, limit);
      List<SweepSummary> sweeps = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sweeps.add(toSummary(rs));
        }
      }
      return List.copyOf(sweeps);
    } catch (SQLException e) {
      throw new ReadModelException("could not list sweeps", e);
    }
  }

  private static SweepCandidate toCandidate(ResultSet rs) throws SQLException {
    return new SweepCandidate(
        rs.getString("order_id"),
        rs.getString("shop_id"),
        OrderStatus.valueOf(rs.getString("status")),
        OrderStep.valueOf(rs.getString("step")),
        PendingColumns.read(rs),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static SweepSummary toSummary(ResultSet rs) throws SQLException {
    return new SweepSummary(
        rs.getString("sweep_id"),
        rs.getString("triggered_by"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getTimestamp("finished_at").toInstant(),
        rs.getInt("examined"),
        rs.getInt("retried"),
        rs.getInt("completed"),
        rs.getInt("rolled_back"),
        rs.getInt("waiting"),
        rs.getInt("reported"),
        rs.getInt("peak_concurrency"),
        JsonColumns.read(rs.getString("items"), ITEMS));
  }
}
