package org.ordersystem.readmodel;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.ShipmentState;

/**
 * Reads and writes the order read model (tables {@code orders} and {@code order_lines}), with a
 * PENDING order's {@link org.ordersystem.workflows.model.PendingInfo} in its {@code pending_*}
 * columns.
 */
public final class OrderReadModel {

  private static final TypeReference<List<PaymentLeg>> LEGS = new TypeReference<>() {};

  private static final String INSERT_IF_ABSENT =
      "INSERT IGNORE INTO orders (order_id, shop_id, customer_id, status, step, steps_done, total,"
          + " reason, reason_detail, tracking_number, legs, version, created_at, updated_at,"
          + " shipment_state, refunded_amount, "
          + PendingColumns.NAMES
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  // The version guard is what keeps the model from regressing when writes retry or arrive late.
  private static final String UPDATE_IF_NEWER =
      "UPDATE orders SET status = ?, step = ?, steps_done = ?, reason = ?, reason_detail = ?,"
          + " tracking_number = ?, legs = ?, version = ?, updated_at = ?, shipment_state = ?,"
          + " refunded_amount = ?, pending_step = ?, pending_reason = ?, pending_message = ?,"
          + " pending_since = ?, pending_attempts = ?, pending_rollback_allowed = ?"
          + " WHERE order_id = ? AND version < ?";
  private static final String INSERT_LINE =
      "INSERT IGNORE INTO order_lines (order_id, line_no, sku, quantity, unit_price)"
          + " VALUES (?, ?, ?, ?, ?)";
  private static final String SELECT_ORDER = "SELECT * FROM orders WHERE order_id = ?";
  private static final String SELECT_LINES =
      "SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = ? ORDER BY line_no";

  private final DataSource dataSource;

  public OrderReadModel(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores the order when its version is newer than the stored one.
   *
   * @return whether this write changed the model (false for a replayed or out-of-date version)
   */
  public boolean record(StoredOrder order) {
    try (Connection c = dataSource.getConnection()) {
      // Every write after an order's first is an update: try it alone first, one statement in
      // autocommit, instead of an insert that is ignored and an update in a transaction.
      if (updateIfNewer(c, order)) {
        return true;
      }
      c.setAutoCommit(false);
      try {
        // A first write, or an out-of-date one. The update runs again after the insert: a
        // concurrent retry of an older version may have inserted the row in between.
        boolean applied = insertIfAbsent(c, order) || updateIfNewer(c, order);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new ReadModelException("could not record order " + order.orderId(), e);
    }
  }

  /** The order with its lines, if the workflow has recorded it. */
  public Optional<StoredOrder> find(String orderId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_ORDER)) {
      ps.setString(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(toRow(c, rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new ReadModelException("could not read order " + orderId, e);
    }
  }

  /** A page of orders matching the query, newest first. */
  public OrderPage list(OrderQuery query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (query.shopId() != null) {
      sql.append(" AND shop_id = ?");
      args.add(query.shopId());
    }
    if (query.customerId() != null) {
      sql.append(" AND customer_id = ?");
      args.add(query.customerId());
    }
    if (query.status() != null) {
      sql.append(" AND status = ?");
      args.add(query.status().name());
    }
    if (query.pageToken() != null) {
      PageToken after = PageToken.decode(query.pageToken());
      sql.append(" AND (created_at < ? OR (created_at = ? AND order_id < ?))");
      args.add(Timestamp.from(after.createdAt()));
      args.add(Timestamp.from(after.createdAt()));
      args.add(after.orderId());
    }
    // One extra row tells whether another page exists without a count query.
    sql.append(" ORDER BY created_at DESC, order_id DESC LIMIT ").append(query.limit() + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<StoredOrder> items = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(toRow(c, rs));
        }
      }
      if (items.size() <= query.limit()) {
        return new OrderPage(items, null);
      }
      items.remove(items.size() - 1);
      StoredOrder last = items.get(items.size() - 1);
      return new OrderPage(items, new PageToken(last.createdAt(), last.orderId()).encode());
    } catch (SQLException e) {
      throw new ReadModelException("could not list orders", e);
    }
  }

  private static boolean insertIfAbsent(Connection c, StoredOrder o) throws SQLException {
    int inserted;
    try (PreparedStatement ps = c.prepareStatement(INSERT_IF_ABSENT)) {
      ps.setString(1, o.orderId());
      ps.setString(2, o.shopId());
      ps.setString(3, o.customerId());
      ps.setString(4, o.status().name());
      ps.setString(5, o.step().name());
      ps.setString(6, stepsDone(o));
      ps.setLong(7, o.total());
      ps.setString(8, ColumnText.clip(o.reason(), ColumnText.REASON));
      ps.setString(9, ColumnText.clip(o.reasonDetail(), ColumnText.DETAIL));
      ps.setString(10, ColumnText.clip(o.trackingNumber(), ColumnText.TRACKING_NUMBER));
      ps.setString(11, legs(o));
      ps.setLong(12, o.version());
      ps.setTimestamp(13, Timestamp.from(o.createdAt()));
      ps.setTimestamp(14, Timestamp.from(o.updatedAt()));
      ps.setString(15, o.shipmentState().name());
      ps.setLong(16, o.refundedAmount());
      PendingColumns.bind(ps, 17, o.pending());
      inserted = ps.executeUpdate();
    }
    if (inserted == 0) {
      return false;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
      int lineNo = 1;
      for (OrderLine line : o.lines()) {
        ps.setString(1, o.orderId());
        ps.setInt(2, lineNo++);
        ps.setString(3, line.sku());
        ps.setInt(4, line.quantity());
        ps.setLong(5, line.unitPrice());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return true;
  }

  private static boolean updateIfNewer(Connection c, StoredOrder o) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE_IF_NEWER)) {
      ps.setString(1, o.status().name());
      ps.setString(2, o.step().name());
      ps.setString(3, stepsDone(o));
      ps.setString(4, ColumnText.clip(o.reason(), ColumnText.REASON));
      ps.setString(5, ColumnText.clip(o.reasonDetail(), ColumnText.DETAIL));
      ps.setString(6, ColumnText.clip(o.trackingNumber(), ColumnText.TRACKING_NUMBER));
      ps.setString(7, legs(o));
      ps.setLong(8, o.version());
      ps.setTimestamp(9, Timestamp.from(o.updatedAt()));
      ps.setString(10, o.shipmentState().name());
      ps.setLong(11, o.refundedAmount());
      PendingColumns.bind(ps, 12, o.pending());
      ps.setString(12 + PendingColumns.COUNT, o.orderId());
      ps.setLong(13 + PendingColumns.COUNT, o.version());
      return ps.executeUpdate() == 1;
    }
  }

  private static StoredOrder toRow(Connection c, ResultSet rs) throws SQLException {
    String orderId = rs.getString("order_id");
    return new StoredOrder(
        orderId,
        rs.getString("shop_id"),
        rs.getString("customer_id"),
        OrderStatus.valueOf(rs.getString("status")),
        OrderStep.valueOf(rs.getString("step")),
        parseSteps(rs.getString("steps_done")),
        rs.getLong("total"),
        rs.getString("reason"),
        rs.getString("reason_detail"),
        lines(c, orderId),
        parseLegs(rs.getString("legs")),
        rs.getString("tracking_number"),
        rs.getLong("version"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        ShipmentState.valueOf(rs.getString("shipment_state")),
        rs.getLong("refunded_amount"),
        PendingColumns.read(rs));
  }

  private static List<OrderLine> lines(Connection c, String orderId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_LINES)) {
      ps.setString(1, orderId);
      List<OrderLine> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(new OrderLine(rs.getString(1), rs.getInt(2), rs.getLong(3)));
        }
      }
      return List.copyOf(lines);
    }
  }

  private static String stepsDone(StoredOrder o) {
    return o.stepsDone().stream().map(Enum::name).collect(Collectors.joining(","));
  }

  private static List<OrderStep> parseSteps(String csv) {
    return csv.isEmpty()
        ? List.of()
        : Arrays.stream(csv.split(",")).map(OrderStep::valueOf).toList();
  }

  private static String legs(StoredOrder o) {
    return JsonColumns.write(o.legs());
  }

  private static List<PaymentLeg> parseLegs(String json) {
    return JsonColumns.read(json, LEGS);
  }
}
