package org.ordersystem.readmodel;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;

/**
 * Reads and writes the refunds of orders (table {@code refunds}). A refund's status only moves
 * forward (REQUESTED, then COMPLETED), so a retried or late write never undoes a newer one.
 */
public final class RefundReadModel {

  private static final TypeReference<List<RefundLine>> LINES = new TypeReference<>() {};
  private static final TypeReference<List<LegRefund>> LEG_REFUNDS = new TypeReference<>() {};

  private static final String INSERT_IF_ABSENT =
      "INSERT IGNORE INTO refunds (order_id, refund_id, status, status_rank, amount, refund_lines,"
          + " leg_refunds, reason, shipment_cancelled, requested_at, completed_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // The rank guard keeps the model from regressing when writes retry or arrive late.
  private static final String UPDATE_IF_FURTHER =
      "UPDATE refunds SET status = ?, status_rank = ?, leg_refunds = ?, shipment_cancelled = ?,"
          + " completed_at = ? WHERE order_id = ? AND refund_id = ? AND status_rank < ?";
  private static final String SELECT_ONE =
      "SELECT * FROM refunds WHERE order_id = ? AND refund_id = ?";
  private static final String SELECT_ORDER =
      "SELECT * FROM refunds WHERE order_id = ? ORDER BY requested_at, refund_id";

  private final DataSource dataSource;

  public RefundReadModel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores the refund unless the stored one is as far along already.
   *
   * @return whether this write changed the model (false for a replayed or out-of-date status)
   */
  public boolean record(RefundView refund) {
    try (Connection c = dataSource.getConnection()) {
      return insertIfAbsent(c, refund) || updateIfFurther(c, refund);
    } catch (SQLException e) {
      throw new ReadModelException("could not record refund " + refund.refundId(), e);
    }
  }

  /** One refund of an order, if the workflow has recorded it. */
  public Optional<RefundView> find(String orderId, String refundId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
      ps.setString(1, orderId);
      ps.setString(2, refundId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toView(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ReadModelException("could not read refund " + refundId, e);
    }
  }

  /** The refunds of an order, oldest first. */
  public List<RefundView> list(String orderId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_ORDER)) {
      ps.setString(1, orderId);
      List<RefundView> refunds = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          refunds.add(toView(rs));
        }
      }
      return List.copyOf(refunds);
    } catch (SQLException e) {
      throw new ReadModelException("could not list refunds of " + orderId, e);
    }
  }

  private static boolean insertIfAbsent(Connection c, RefundView r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_IF_ABSENT)) {
      ps.setString(1, r.orderId());
      ps.setString(2, r.refundId());
      ps.setString(3, r.status().name());
      ps.setInt(4, r.status().ordinal());
      ps.setLong(5, r.amount());
      ps.setString(6, JsonColumns.write(r.lines()));
      ps.setString(7, JsonColumns.write(r.legRefunds()));
      ps.setString(8, ColumnText.clip(r.reason(), ColumnText.TEXT));
      ps.setBoolean(9, r.shipmentCancelled());
      ps.setTimestamp(10, Timestamp.from(r.requestedAt()));
      ps.setTimestamp(11, timestamp(r.completedAt()));
      return ps.executeUpdate() == 1;
    }
  }

  /** Only what changes along the lifecycle; what was requested never changes. */
  private static boolean updateIfFurther(Connection c, RefundView r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE_IF_FURTHER)) {
      ps.setString(1, r.status().name());
      ps.setInt(2, r.status().ordinal());
      ps.setString(3, JsonColumns.write(r.legRefunds()));
      ps.setBoolean(4, r.shipmentCancelled());
      ps.setTimestamp(5, timestamp(r.completedAt()));
      ps.setString(6, r.orderId());
      ps.setString(7, r.refundId());
      ps.setInt(8, r.status().ordinal());
      return ps.executeUpdate() == 1;
    }
  }

  private static RefundView toView(ResultSet rs) throws SQLException {
    Timestamp completedAt = rs.getTimestamp("completed_at");
    return new RefundView(
        rs.getString("refund_id"),
        rs.getString("order_id"),
        RefundStatus.valueOf(rs.getString("status")),
        rs.getLong("amount"),
        JsonColumns.read(rs.getString("refund_lines"), LINES),
        rs.getString("reason"),
        JsonColumns.read(rs.getString("leg_refunds"), LEG_REFUNDS),
        rs.getBoolean("shipment_cancelled"),
        rs.getTimestamp("requested_at").toInstant(),
        completedAt == null ? null : completedAt.toInstant());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
