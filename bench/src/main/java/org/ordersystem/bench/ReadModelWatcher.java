package org.ordersystem.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns when orders end by reading the read model, as a shop would see them, with one batched
 * query every {@code pollMillis} for all the orders in flight. Polling the REST API per order
 * instead would spend API CPU on the measurement itself; one indexed query costs the database
 * little. An end is seen at most one poll interval late, so completion latencies carry a bias of
 * half the interval on average (reported with the results).
 */
final class ReadModelWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadModelWatcher.class);
  private static final int BATCH = 500;

  private final HikariDataSource dataSource;
  private final Map<String, OrderTracker> watched = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

  ReadModelWatcher(String ordersJdbcUrl, String user, String password, long pollMillis) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-watcher");
    config.setJdbcUrl(ordersJdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(1);
    MysqlDriverSettings.apply(config);
    dataSource = new HikariDataSource(config);
    poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  /** Reports the end of {@code orderId} to {@code tracker}: COMPLETED completes, else it fails. */
  void watch(String orderId, OrderTracker tracker) {
    watched.put(orderId, tracker);
  }

  private void poll() {
    if (watched.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(watched.keySet());
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < ids.size(); from += BATCH) {
        pollBatch(c, ids.subList(from, Math.min(ids.size(), from + BATCH)));
      }
    } catch (SQLException | RuntimeException e) {
      log.warn("Read-model poll failed; retrying at the next one", e);
    }
  }

  private void pollBatch(Connection c, List<String> ids) throws SQLException {
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    String sql =
        "SELECT order_id, status, reason FROM orders WHERE order_id IN ("
            + marks
            + ") AND status <> 'CREATING'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setString(i + 1, ids.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OrderTracker tracker = watched.remove(rs.getString(1));
          if (tracker == null) {
            continue;
          }
          String status = rs.getString(2);
          if ("COMPLETED".equals(status)) {
            tracker.completed();
          } else {
            String reason = rs.getString(3);
            tracker.failed(reason == null ? status : status + ":" + reason);
          }
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    poller.shutdownNow();
    poller.awaitTermination(5, TimeUnit.SECONDS);
    dataSource.close();
  }
}
