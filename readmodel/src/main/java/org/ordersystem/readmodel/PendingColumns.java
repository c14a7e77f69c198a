package org.ordersystem.readmodel;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;

/**
 * The six {@code pending_*} columns of {@code orders}: a {@link PendingInfo}, or NULL in each when
 * the order is not PENDING.
 */
final class PendingColumns {

  /** The column names, in the order {@link #bind} fills them. */
  static final String NAMES =
      "pending_step, pending_reason, pending_message, pending_since, pending_attempts,"
          + " pending_rollback_allowed";

  static final int COUNT = 6;

  private PendingColumns() {}

  /** Binds {@link #COUNT} parameters from {@code first} on, in the order of {@link #NAMES}. */
  static void bind(PreparedStatement ps, int first, PendingInfo pending) throws SQLException {
    if (pending == null) {
      ps.setNull(first, Types.VARCHAR);
      ps.setNull(first + 1, Types.VARCHAR);
      ps.setNull(first + 2, Types.VARCHAR);
      ps.setNull(first + 3, Types.TIMESTAMP);
      ps.setNull(first + 4, Types.INTEGER);
      ps.setNull(first + 5, Types.BOOLEAN);
      return;
    }
    ps.setString(first, pending.step().name());
    ps.setString(first + 1, ColumnText.clip(pending.reason(), ColumnText.REASON));
    ps.setString(first + 2, ColumnText.clip(pending.message(), ColumnText.DETAIL));
    ps.setTimestamp(first + 3, Timestamp.from(pending.since()));
    ps.setInt(first + 4, pending.attempts());
    ps.setBoolean(first + 5, pending.rollbackAllowed());
  }

  /** The pending info of the current row, or null when the order is not PENDING. */
  static PendingInfo read(ResultSet rs) throws SQLException {
    String step = rs.getString("pending_step");
    if (step == null) {
      return null;
    }
    return new PendingInfo(
        OrderStep.valueOf(step),
        rs.getString("pending_reason"),
        rs.getString("pending_message"),
        rs.getTimestamp("pending_since").toInstant(),
        rs.getInt("pending_attempts"),
        rs.getBoolean("pending_rollback_allowed"));
  }
}
