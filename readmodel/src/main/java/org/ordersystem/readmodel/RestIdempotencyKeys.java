package org.ordersystem.readmodel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The REST layer's {@code Idempotency-Key}s: which order a shop's key created and from which
 * request. Claimed before the workflow starts, so a client retry after a crash finds the same order
 * id and the duplicate start is absorbed by the workflow id.
 */
public final class RestIdempotencyKeys {

  /**
   * The outcome of a claim.
   *
   * @param orderId the order this key stands for: the new one, or the one of the first use
   * @param firstUse whether this call claimed the key
   * @param sameRequest whether the request matches the first use of the key
   */
  public record Claim(String orderId, boolean firstUse, boolean sameRequest) {}

  private static final String INSERT =
      "INSERT IGNORE INTO rest_idempotency_keys"
          + " (shop_id, idempotency_key, request_hash, order_id, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT request_hash, order_id FROM rest_idempotency_keys"
          + " WHERE shop_id = ? AND idempotency_key = ?";

  private final DataSource dataSource;

  public RestIdempotencyKeys(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims a shop's key for a new order, or finds its first use. Concurrent claims of one key are
   * serialized by the primary key: exactly one gets {@code firstUse}.
   */
  public Claim claim(String shopId, String key, String requestHash, String newOrderId) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        ps.setString(1, shopId);
        ps.setString(2, key);
        ps.setString(3, requestHash);
        ps.setString(4, newOrderId);
        ps.setTimestamp(5, Timestamp.from(Instant.now()));
        if (ps.executeUpdate() == 1) {
          return new Claim(newOrderId, true, true);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(SELECT)) {
        ps.setString(1, shopId);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("idempotency key vanished: " + key);
          }
          return new Claim(rs.getString(2), false, rs.getString(1).equals(requestHash));
        }
      }
    } catch (SQLException e) {
      throw new ReadModelException("could not claim idempotency key", e);
    }
  }
}
