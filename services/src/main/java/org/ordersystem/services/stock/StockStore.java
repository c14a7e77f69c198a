package org.ordersystem.services.stock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.ordersystem.proto.stock.v1.CommitReservationResponse;
import org.ordersystem.proto.stock.v1.GetReservationResponse;
import org.ordersystem.proto.stock.v1.Product;
import org.ordersystem.proto.stock.v1.ReleaseReservationResponse;
import org.ordersystem.proto.stock.v1.ReservationState;
import org.ordersystem.proto.stock.v1.ReserveStockResponse;
import org.ordersystem.proto.stock.v1.ReservedLine;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.stock.StockServiceImpl.LineRequest;

/**
 * Stock rows and their state machine: a reservation is RESERVED, then RELEASED or COMMITTED.
 *
 * <p>Every mutation runs inside the caller's transaction and locks the reservation row first, then
 * product rows in sku order, so concurrent calls queue up instead of deadlocking. A missing
 * reservation row is created by an INSERT; two transactions racing to create it meet on the primary
 * key, and the loser runs again from the start and finds the winner's row.
 */
final class StockStore {

  private static final String RESERVED = "RESERVED";
  private static final String RELEASED = "RELEASED";
  static final String COMMITTED = "COMMITTED";

  ReserveStockResponse reserve(Connection c, String reservationId, List<LineRequest> lines)
      throws SQLException {
    Optional<String> state = lockReservation(c, reservationId);
    if (state.isPresent()) {
      if (state.get().equals(RELEASED)) {
        throw FailureReason.ALREADY_CLOSED.exception(
            "reservation " + reservationId + " was released");
      }
      // One reservation per order: a second reserve under another key answers with what is held.
      return ReserveStockResponse.newBuilder()
          .setReservationId(reservationId)
          .setState(toProto(state.get()))
          .addAllLines(lines(c, reservationId))
          .build();
    }
    insertReservation(c, reservationId, RESERVED);
    ReserveStockResponse.Builder response =
        ReserveStockResponse.newBuilder()
            .setReservationId(reservationId)
            .setState(ReservationState.RESERVATION_STATE_RESERVED);
    for (LineRequest line : lines) {
      // The condition is checked on the latest committed row under its lock: concurrent
      // reservations of the last units queue on the row and the later one sees them gone.
      try (PreparedStatement hold =
          c.prepareStatement(
              "UPDATE products SET reserved = reserved + ?"
                  + " WHERE sku = ? AND on_hand - reserved >= ?")) {
        hold.setInt(1, line.quantity());
        hold.setString(2, line.sku());
        hold.setInt(3, line.quantity());
        if (hold.executeUpdate() == 0) {
          throw shortage(c, line);
        }
      }
      long unitPrice = unitPrice(c, line.sku());
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO reservation_lines (reservation_id, sku, quantity, unit_price)"
                  + " VALUES (?, ?, ?, ?)")) {
        insert.setString(1, reservationId);
        insert.setString(2, line.sku());
        insert.setInt(3, line.quantity());
        insert.setLong(4, unitPrice);
        insert.executeUpdate();
      }
      response.addLines(
          ReservedLine.newBuilder()
              .setSku(line.sku())
              .setQuantity(line.quantity())
              .setUnitPrice(unitPrice));
    }
    return response.build();
  }

  ReleaseReservationResponse release(Connection c, String reservationId) throws SQLException {
    Optional<String> state = lockReservation(c, reservationId);
    if (state.isEmpty()) {
      insertReservation(c, reservationId, RELEASED);
    } else if (state.get().equals(COMMITTED)) {
      throw FailureReason.ALREADY_COMMITTED.exception(
          "reservation " + reservationId + " was committed and can no longer be released");
    } else if (state.get().equals(RESERVED)) {
      for (ReservedLine line : lines(c, reservationId)) {
        unhold(c, line);
      }
      setState(c, reservationId, RELEASED);
    }
    return ReleaseReservationResponse.newBuilder()
        .setReservationId(reservationId)
        .setState(ReservationState.RESERVATION_STATE_RELEASED)
        .build();
  }

  CommitReservationResponse commit(Connection c, String reservationId) throws SQLException {
    Optional<String> state = lockReservation(c, reservationId);
    if (state.isEmpty()) {
      throw FailureReason.UNKNOWN_RESERVATION.exception(
          "reservation " + reservationId + " does not exist");
    }
    if (state.get().equals(RELEASED)) {
      throw FailureReason.ALREADY_CLOSED.exception(
          "reservation " + reservationId + " was released");
    }
    if (state.get().equals(RESERVED)) {
      for (ReservedLine line : lines(c, reservationId)) {
        sell(c, line);
      }
      setState(c, reservationId, COMMITTED);
    }
    return CommitReservationResponse.newBuilder()
        .setReservationId(reservationId)
        .setState(ReservationState.RESERVATION_STATE_COMMITTED)
        .build();
  }

  GetReservationResponse get(Connection c, String reservationId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT state FROM reservations WHERE reservation_id = ?")) {
      select.setString(1, reservationId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw FailureReason.UNKNOWN_RESERVATION.exception(
              "reservation " + reservationId + " does not exist");
        }
        return GetReservationResponse.newBuilder()
            .setReservationId(reservationId)
            .setState(toProto(rs.getString(1)))
            .addAllLines(lines(c, reservationId))
            .addAllRestocked(RestockStore.restocked(c, reservationId))
            .build();
      }
    }
  }

  List<Product> products(Connection c, List<String> skus) throws SQLException {
    String where =
        skus.isEmpty()
            ? ""
            : " WHERE sku IN (" + String.join(",", Collections.nCopies(skus.size(), "?")) + ")";
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT sku, name, unit_price, on_hand, on_hand - reserved FROM products"
                + where
                + " ORDER BY sku")) {
      for (int i = 0; i < skus.size(); i++) {
        select.setString(i + 1, skus.get(i));
      }
      List<Product> products = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          products.add(
              Product.newBuilder()
                  .setSku(rs.getString(1))
                  .setName(rs.getString(2))
                  .setUnitPrice(rs.getLong(3))
                  .setOnHand(rs.getLong(4))
                  .setAvailable(rs.getLong(5))
                  .build());
        }
      }
      return products;
    }
  }

  /** The reservation's state, its row locked until the transaction ends; empty when missing. */
  static Optional<String> lockReservation(Connection c, String reservationId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT state FROM reservations WHERE reservation_id = ? FOR UPDATE")) {
      select.setString(1, reservationId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static void insertReservation(Connection c, String reservationId, String state)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO reservations (reservation_id, state) VALUES (?, ?)")) {
      insert.setString(1, reservationId);
      insert.setString(2, state);
      insert.executeUpdate();
    }
  }

  private static void setState(Connection c, String reservationId, String state)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE reservations SET state = ? WHERE reservation_id = ?")) {
      update.setString(1, state);
      update.setString(2, reservationId);
      update.executeUpdate();
    }
  }

  /** Returns a line's units to the shelf. */
  private static void unhold(Connection c, ReservedLine line) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE products SET reserved = reserved - ? WHERE sku = ?")) {
      update.setInt(1, line.getQuantity());
      update.setString(2, line.getSku());
      update.executeUpdate();
    }
  }

  /** Takes a line's held units off the shelf for good. */
  private static void sell(Connection c, ReservedLine line) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE products SET on_hand = on_hand - ?, reserved = reserved - ? WHERE sku = ?")) {
      update.setInt(1, line.getQuantity());
      update.setInt(2, line.getQuantity());
      update.setString(3, line.getSku());
      update.executeUpdate();
    }
  }

  /** The lines of a reservation in sku order, the order in which product rows are locked. */
  private static List<ReservedLine> lines(Connection c, String reservationId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT sku, quantity, unit_price FROM reservation_lines"
                + " WHERE reservation_id = ? ORDER BY sku")) {
      select.setString(1, reservationId);
      List<ReservedLine> lines = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          lines.add(
              ReservedLine.newBuilder()
                  .setSku(rs.getString(1))
                  .setQuantity(rs.getInt(2))
                  .setUnitPrice(rs.getLong(3))
                  .build());
        }
      }
      return lines;
    }
  }

  private static long unitPrice(Connection c, String sku) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT unit_price FROM products WHERE sku = ?")) {
      select.setString(1, sku);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Why a line could not be held: the sku is unknown, or too few units are left. */
  private static RuntimeException shortage(Connection c, LineRequest line) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT on_hand - reserved FROM products WHERE sku = ?")) {
      select.setString(1, line.sku());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return FailureReason.UNKNOWN_SKU.exception(
              "sku " + line.sku() + " is not in the catalog");
        }
        return FailureReason.OUT_OF_STOCK.exception(
            "sku "
                + line.sku()
                + " has "
                + rs.getLong(1)
                + " available, "
                + line.quantity()
                + " requested");
      }
    }
  }

  private static ReservationState toProto(String state) {
    return ReservationState.valueOf("RESERVATION_STATE_" + state);
  }
}
