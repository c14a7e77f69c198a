package org.ordersystem.services.shipping;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.ordersystem.proto.shipping.v1.Address;
import org.ordersystem.proto.shipping.v1.AdvanceShipmentResponse;
import org.ordersystem.proto.shipping.v1.CancelShipmentResponse;
import org.ordersystem.proto.shipping.v1.CreateShipmentResponse;
import org.ordersystem.proto.shipping.v1.GetShipmentResponse;
import org.ordersystem.proto.shipping.v1.ShipmentLine;
import org.ordersystem.proto.shipping.v1.ShipmentState;
import org.ordersystem.services.common.FailureReason;

/**
 * Shipment rows and their state machine: CREATED, then CANCELLED or DISPATCHED, then DELIVERED.
 *
 * <p>Every mutation runs inside the caller's transaction and locks the shipment row first. A
 * missing row is created by an INSERT; two transactions racing to create it meet on the primary
 * key, and the loser runs again from the start and finds the winner's row. A clash of tracking
 * numbers is settled the same way, with a fresh number.
 */
final class ShipmentStore {

  private static final String CREATED = "CREATED";
  private static final String CANCELLED = "CANCELLED";

  /** The forward path of a parcel, in order; CANCELLED branches off CREATED and ends there. */
  private static final List<String> FORWARD = List.of(CREATED, "DISPATCHED", "DELIVERED");

  private static final SecureRandom RANDOM = new SecureRandom();

  CreateShipmentResponse create(
      Connection c, String shipmentId, Address address, List<ShipmentLine> lines)
      throws SQLException {
    Shipment existing = lock(c, shipmentId);
    if (existing != null) {
      if (existing.state().equals(CANCELLED)) {
        throw FailureReason.ALREADY_CLOSED.exception("shipment " + shipmentId + " was cancelled");
      }
      // One shipment per order: a second create under another key answers with the shipment.
      return toCreateResponse(shipmentId, existing);
    }
    String trackingNumber = newTrackingNumber();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO shipments (shipment_id, state, tracking_number, recipient_name,"
                + " postal_code, region, line1, line2, country)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, shipmentId);
      insert.setString(2, CREATED);
      insert.setString(3, trackingNumber);
      insert.setString(4, address.getName());
      insert.setString(5, address.getPostalCode());
      insert.setString(6, address.getRegion());
      insert.setString(7, address.getLine1());
      insert.setString(8, address.getLine2().isEmpty() ? null : address.getLine2());
      insert.setString(9, address.getCountry());
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO shipment_lines (shipment_id, line_no, sku, quantity)"
                + " VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < lines.size(); i++) {
        insert.setString(1, shipmentId);
        insert.setInt(2, i + 1);
        insert.setString(3, lines.get(i).getSku());
        insert.setInt(4, lines.get(i).getQuantity());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return toCreateResponse(shipmentId, new Shipment(CREATED, trackingNumber));
  }

  CancelShipmentResponse cancel(Connection c, String shipmentId) throws SQLException {
    Shipment existing = lock(c, shipmentId);
    if (existing == null) {
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO shipments (shipment_id, state) VALUES (?, ?)")) {
        insert.setString(1, shipmentId);
        insert.setString(2, CANCELLED);
        insert.executeUpdate();
      }
    } else if (existing.state().equals(CREATED)) {
      try (PreparedStatement update =
          c.prepareStatement("UPDATE shipments SET state = ? WHERE shipment_id = ?")) {
        update.setString(1, CANCELLED);
        update.setString(2, shipmentId);
        update.executeUpdate();
      }
    } else if (!existing.state().equals(CANCELLED)) {
      throw FailureReason.ALREADY_DISPATCHED.exception(
          "shipment " + shipmentId + " is " + existing.state() + " and can no longer be cancelled");
    }
    return CancelShipmentResponse.newBuilder()
        .setShipmentId(shipmentId)
        .setState(ShipmentState.SHIPMENT_STATE_CANCELLED)
        .build();
  }

  /**
   * Moves a shipment forward to {@code target}, DISPATCHED or DELIVERED. A target it reached or
   * passed answers the current state, so a carrier's repeated or late scan is harmless and needs no
   * key. CREATED may go straight to DELIVERED: a parcel handed over was dispatched, even when the
   * dispatch scan never arrived.
   */
  AdvanceShipmentResponse advance(Connection c, String shipmentId, ShipmentState target)
      throws SQLException {
    Shipment existing = lock(c, shipmentId);
    if (existing == null) {
      throw FailureReason.UNKNOWN_SHIPMENT.exception("shipment " + shipmentId + " does not exist");
    }
    if (existing.state().equals(CANCELLED)) {
      throw FailureReason.ALREADY_CLOSED.exception(
          "shipment " + shipmentId + " was cancelled and cannot be " + name(target));
    }
    String state = existing.state();
    if (FORWARD.indexOf(name(target)) > FORWARD.indexOf(state)) {
      state = name(target);
      try (PreparedStatement update =
          c.prepareStatement("UPDATE shipments SET state = ? WHERE shipment_id = ?")) {
        update.setString(1, state);
        update.setString(2, shipmentId);
        update.executeUpdate();
      }
    }
    return AdvanceShipmentResponse.newBuilder()
        .setShipmentId(shipmentId)
        .setState(toProto(state))
        .build();
  }

  GetShipmentResponse get(Connection c, String shipmentId) throws SQLException {
    GetShipmentResponse.Builder response =
        GetShipmentResponse.newBuilder().setShipmentId(shipmentId);
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT state, tracking_number, recipient_name, postal_code, region, line1, line2,"
                + " country FROM shipments WHERE shipment_id = ?")) {
      select.setString(1, shipmentId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw FailureReason.UNKNOWN_SHIPMENT.exception(
              "shipment " + shipmentId + " does not exist");
        }
        response.setState(toProto(rs.getString(1)));
        if (rs.getString(2) != null) {
          // Tombstones of a cancel that came first have no parcel and no address.
          response
              .setTrackingNumber(rs.getString(2))
              .setAddress(
                  Address.newBuilder()
                      .setName(rs.getString(3))
                      .setPostalCode(rs.getString(4))
                      .setRegion(rs.getString(5))
                      .setLine1(rs.getString(6))
                      .setLine2(rs.getString(7) == null ? "" : rs.getString(7))
                      .setCountry(rs.getString(8)));
        }
      }
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT sku, quantity FROM shipment_lines WHERE shipment_id = ? ORDER BY line_no")) {
      select.setString(1, shipmentId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          response.addLines(
              ShipmentLine.newBuilder().setSku(rs.getString(1)).setQuantity(rs.getInt(2)));
        }
      }
    }
    return response.build();
  }

  private static Shipment lock(Connection c, String shipmentId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT state, tracking_number FROM shipments WHERE shipment_id = ? FOR UPDATE")) {
      select.setString(1, shipmentId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? new Shipment(rs.getString(1), rs.getString(2)) : null;
      }
    }
  }

  /** A carrier-style number: 12 random digits behind a prefix, unique by constraint. */
  private static String newTrackingNumber() {
    return String.format("JPX%012d", RANDOM.nextLong(1_000_000_000_000L));
  }

  private static CreateShipmentResponse toCreateResponse(String shipmentId, Shipment shipment) {
    return CreateShipmentResponse.newBuilder()
        .setShipmentId(shipmentId)
        .setState(toProto(shipment.state()))
        .setTrackingNumber(shipment.trackingNumber() == null ? "" : shipment.trackingNumber())
        .build();
  }

  private static String name(ShipmentState state) {
    return state.name().substring("SHIPMENT_STATE_".length());
  }

  private static ShipmentState toProto(String state) {
    return ShipmentState.valueOf("SHIPMENT_STATE_" + state);
  }

  private record Shipment(String state, String trackingNumber) {}
}
