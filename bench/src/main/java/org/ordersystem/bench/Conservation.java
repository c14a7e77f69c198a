package org.ordersystem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check after a run: every order the run placed is final or PENDING, and stock and money are
 * conserved. A snapshot is taken before the run ({@link #snapshot}) and compared after it ({@link
 * #verify}): units sold equal the units of COMPLETED orders and no units stay reserved; customers'
 * posted balance and points dropped by exactly what the COMPLETED orders paid from them and nothing
 * stays pending; the ledger is balanced; no placement the API shed (429) left its Idempotency-Key
 * behind.
 *
 * <p>Shed placements need no exception in the rest: they never became orders, so they are in none
 * of the counts, neither among the orders found nor in stock or money.
 */
final class Conservation {

  /** Stock, wallets and points before the run. */
  record Snapshot(
      long onHand,
      long reserved,
      long balancePosted,
      long balancePending,
      long pointsPosted,
      long pointsPending) {}

  /**
   * The verdict, with what was compared.
   *
   * @param shedPlacements placements of the run the API shed
   * @param shedKeysKept how many of them left an Idempotency-Key (must be 0); -1 when not checked
   */
  record Verdict(
      boolean passed,
      Map<String, Long> ordersByStatus,
      long notFinal,
      Snapshot before,
      Snapshot after,
      boolean ledgerBalanced,
      List<String> problems,
      long shedPlacements,
      long shedKeysKept) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int GET_ATTEMPTS = 5;
  private static final int BATCH = 500;

  private final String stockJdbcUrl;
  private final String ordersJdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final String apiBaseUrl;
  private final String operatorKey;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  Conservation(
      String stockJdbcUrl,
      String ordersJdbcUrl,
      String dbUser,
      String dbPassword,
      String apiBaseUrl,
      String operatorKey) {
    this.stockJdbcUrl = stockJdbcUrl;
    this.ordersJdbcUrl = ordersJdbcUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.apiBaseUrl = apiBaseUrl;
    this.operatorKey = operatorKey;
  }

  Snapshot snapshot() throws SQLException, IOException, InterruptedException {
    long onHand;
    long reserved;
    try (Connection c = DriverManager.getConnection(stockJdbcUrl, dbUser, dbPassword);
        PreparedStatement ps =
            c.prepareStatement("SELECT on_hand, reserved FROM products WHERE sku = ?")) {
      ps.setString(1, OrderBodies.SKU);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        onHand = rs.getLong(1);
        reserved = rs.getLong(2);
      }
    }
    long balancePosted = 0;
    long balancePending = 0;
    long pointsPosted = 0;
    long pointsPending = 0;
    for (JsonNode customer : get("/api/v1/ops/customers").path("items")) {
      balancePosted += customer.path("posted").asLong();
      balancePending += customer.path("pending").asLong();
      pointsPosted += customer.path("points").path("posted").asLong();
      pointsPending += customer.path("points").path("pending").asLong();
    }
    return new Snapshot(
        onHand, reserved, balancePosted, balancePending, pointsPosted, pointsPending);
  }

  /**
   * Compares the state now with {@code before}, for the orders whose id starts with one of {@code
   * idPrefixes} (those the run placed through the order flow and the baseline), and looks for the
   * Idempotency-Keys of {@code shedIds}, the placements the API shed.
   */
  Verdict verify(Snapshot before, List<String> idPrefixes, List<String> shedIds)
      throws SQLException, IOException, InterruptedException {
    Map<String, Long> byStatus = ordersByStatus(idPrefixes);
    long shedKeysKept = keysKept(shedIds);
    Snapshot after = snapshot();
    long completed = byStatus.getOrDefault("COMPLETED", 0L);
    long notFinal = byStatus.getOrDefault("CREATING", 0L);
    boolean ledgerBalanced = get("/api/v1/ops/ledger").path("balanced").asBoolean(false);
    List<String> problems = new ArrayList<>();
    if (notFinal > 0) {
      problems.add(notFinal + " orders neither final nor PENDING");
    }
    long pending = byStatus.getOrDefault("PENDING", 0L);
    if (pending == 0) {
      // With PENDING orders some units and money are legitimately still held.
      expect(problems, "units reserved", before.reserved(), after.reserved());
      expect(problems, "balance pending", before.balancePending(), after.balancePending());
      expect(problems, "points pending", before.pointsPending(), after.pointsPending());
    }
    expect(problems, "units sold", completed, before.onHand() - after.onHand());
    expect(
        problems,
        "balance paid",
        completed * OrderBodies.BALANCE_AMOUNT,
        before.balancePosted() - after.balancePosted());
    expect(
        problems,
        "points paid",
        completed * OrderBodies.POINTS_AMOUNT,
        before.pointsPosted() - after.pointsPosted());
    if (!ledgerBalanced) {
      problems.add("ledger not balanced");
    }
    if (shedKeysKept > 0) {
      // A 429 promises that nothing happened: the same request may be sent again with the key.
      problems.add(shedKeysKept + " shed placements left their Idempotency-Key");
    }
    return new Verdict(
        problems.isEmpty(),
        byStatus,
        notFinal,
        before,
        after,
        ledgerBalanced,
        problems,
        shedIds.size(),
        shedKeysKept);
  }

  /** The verdict of a check that could not run: failed, with why. */
  static Verdict notChecked(Snapshot before, long shedPlacements, Exception e) {
    return new Verdict(
        false,
        Map.of(),
        -1,
        before,
        null,
        false,
        List.of("check could not run: " + e),
        shedPlacements,
        -1);
  }

  private static void expect(List<String> problems, String what, long expected, long actual) {
    if (expected != actual) {
      problems.add(what + ": expected " + expected + ", found " + actual);
    }
  }

  private Map<String, Long> ordersByStatus(List<String> idPrefixes) throws SQLException {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(ordersJdbcUrl, dbUser, dbPassword)) {
      for (String prefix : idPrefixes) {
        // REST orders get ids from the API: find them through the run's Idempotency-Keys.
        String sql =
            "SELECT o.status, COUNT(*) FROM orders o WHERE o.order_id LIKE ? OR o.order_id IN"
                + " (SELECT k.order_id FROM rest_idempotency_keys k WHERE k.idempotency_key"
                + " LIKE ?) GROUP BY o.status";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, prefix + "%");
          ps.setString(2, prefix + "%");
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byStatus.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }
          }
        }
      }
    }
    return byStatus;
  }

  /** How many of {@code ids}, used as Idempotency-Keys, the API stored. */
  private long keysKept(List<String> ids) throws SQLException {
    long kept = 0;
    try (Connection c = DriverManager.getConnection(ordersJdbcUrl, dbUser, dbPassword)) {
      for (int from = 0; from < ids.size(); from += BATCH) {
        List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
        String sql =
            "SELECT COUNT(*) FROM rest_idempotency_keys WHERE idempotency_key IN ("
                + String.join(",", Collections.nCopies(batch.size(), "?"))
                + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 0; i < batch.size(); i++) {
            ps.setString(i + 1, batch.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            kept += rs.getLong(1);
          }
        }
      }
    }
    return kept;
  }

  /** GETs an ops endpoint; a connection the API closed while idle is tried again. */
  private JsonNode get(String path) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(apiBaseUrl + path))
                    .header("Authorization", "Bearer " + operatorKey)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
      } catch (IOException e) {
        if (attempt == GET_ATTEMPTS) {
          throw e;
        }
        Thread.sleep(1_000);
      }
    }
  }
}
