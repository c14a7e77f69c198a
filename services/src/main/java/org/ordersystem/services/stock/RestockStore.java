package org.ordersystem.services.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.stock.StockServiceImpl.LineRequest;

/**
 * Returned units of a sold reservation going back on hand. Each line counts what it has restocked
 * so far, so any number of partial refunds add up to at most what was sold.
 *
 * <p>Runs inside the caller's transaction and locks the reservation row first, as every stock
 * mutation does: concurrent restocks of one reservation queue there, and each sees the counts the
 * one before it committed. Product rows follow in sku order, the order reservations lock them in.
 */
final class RestockStore {

  private RestockStore() {}

  static RestockLinesResponse restock(Connection c, String reservationId, List<LineRequest> lines)
      throws SQLException {
    Optional<String> state = StockStore.lockReservation(c, reservationId);
    if (state.isEmpty()) {
      throw FailureReason.UNKNOWN_RESERVATION.exception(
          "reservation " + reservationId + " does not exist");
    }
    if (!state.get().equals(StockStore.COMMITTED)) {
      throw FailureReason.NOT_COMMITTED.exception(
          "reservation "
              + reservationId
              + " is "
              + state.get()
              + "; only units that were sold can be restocked");
    }
    for (LineRequest line : lines) {
      SoldLine sold = soldLine(c, reservationId, line.sku());
      if ((long) sold.restocked() + line.quantity() > sold.quantity()) {
        throw FailureReason.RESTOCK_EXCEEDED.exception(
            "sku "
                + line.sku()
                + " of reservation "
                + reservationId
                + ": "
                + sold.quantity()
                + " sold, "
                + sold.restocked()
                + " restocked already, "
                + line.quantity()
                + " requested");
      }
      // The bound again in the update, and in the table's check: a defect cannot overshoot.
      try (PreparedStatement count =
          c.prepareStatement(
              "UPDATE reservation_lines SET restocked = restocked + ?"
                  + " WHERE reservation_id = ? AND sku = ? AND restocked + ? <= quantity")) {
        count.setInt(1, line.quantity());
        count.setString(2, reservationId);
        count.setString(3, line.sku());
        count.setInt(4, line.quantity());
        if (count.executeUpdate() != 1) {
          throw new IllegalStateException("line " + line.sku() + " changed under its lock");
        }
      }
      try (PreparedStatement shelve =
          c.prepareStatement("UPDATE products SET on_hand = on_hand + ? WHERE sku = ?")) {
        shelve.setInt(1, line.quantity());
        shelve.setString(2, line.sku());
        shelve.executeUpdate();
      }
    }
    return RestockLinesResponse.newBuilder()
        .setReservationId(reservationId)
        .addAllRestocked(restocked(c, reservationId))
        .build();
  }

  /** Units restocked so far per sku, in sku order; skus with none are left out. */
  static List<StockLine> restocked(Connection c, String reservationId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT sku, restocked FROM reservation_lines"
                + " WHERE reservation_id = ? AND restocked > 0 ORDER BY sku")) {
      select.setString(1, reservationId);
      List<StockLine> restocked = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          restocked.add(
              StockLine.newBuilder().setSku(rs.getString(1)).setQuantity(rs.getInt(2)).build());
        }
      }
      return restocked;
    }
  }

  private static SoldLine soldLine(Connection c, String reservationId, String sku)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT quantity, restocked FROM reservation_lines"
                + " WHERE reservation_id = ? AND sku = ?")) {
      select.setString(1, reservationId);
      select.setString(2, sku);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          // Malformed rather than missing: the caller named a line the order never had.
          throw FailureReason.INVALID_REQUEST.exception(
              "sku " + sku + " is not a line of reservation " + reservationId);
        }
        return new SoldLine(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  private record SoldLine(int quantity, int restocked) {}
}
