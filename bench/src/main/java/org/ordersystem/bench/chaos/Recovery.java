package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.ordersystem.bench.chaos.ShopClient.Answer;
import org.ordersystem.bench.chaos.ShopClient.GaveUp;

/**
 * After the chaos, what an operator would do: clear the faults, let orders in flight settle, run a
 * recovery sweep (PENDING orders retried or rolled back) and reconciliation with the provider, and
 * wait for each to finish. Every wait is bounded; what is still not final is for the audit to
 * report.
 */
final class Recovery {

  private final ShopClient client;
  private final FaultSwitch faults;
  private final String ordersJdbcUrl;
  private final Duration settle;
  private final Duration reconGrace;

  Recovery(
      ShopClient client,
      FaultSwitch faults,
      String ordersJdbcUrl,
      Duration settle,
      Duration reconGrace) {
    this.client = client;
    this.faults = faults;
    this.ordersJdbcUrl = ordersJdbcUrl;
    this.settle = settle;
    this.reconGrace = reconGrace;
  }

  void recover() throws GaveUp, SQLException, InterruptedException {
    faults.clear();
    System.out.println("recovery: faults cleared; " + awaitSettled() + " orders still CREATING");
    JsonNode sweep =
        awaitDone(
            client.operator("POST", "/api/v1/ops/recovery/sweeps", null),
            "/api/v1/ops/recovery/sweeps/",
            "sweepId");
    System.out.printf(
        "recovery: sweep examined %d, retried %d, completed %d, rolled back %d, reported %d%n",
        sweep.path("examined").asLong(),
        sweep.path("retried").asLong(),
        sweep.path("completed").asLong(),
        sweep.path("rolledBack").asLong(),
        sweep.path("reported").asLong());
    System.out.println("recovery: " + awaitSettled() + " orders still CREATING");
    // Legs younger than the grace count as in flight and are not compared: let it pass first.
    Thread.sleep(reconGrace.toMillis());
    for (int run = 1; run <= 2; run++) {
      // The second run sees what the first one corrected and closes those mismatches.
      JsonNode recon =
          awaitDone(
              client.operator("POST", "/api/v1/ops/reconciliation/runs", null),
              "/api/v1/ops/reconciliation/runs/",
              "runId");
      System.out.println("recovery: reconciliation run " + run + ": " + recon);
    }
  }

  /** Waits until no order is CREATING, for at most settle; returns how many still are. */
  private long awaitSettled() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    long creating;
    while ((creating = creating()) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
    }
    return creating;
  }

  private long creating() throws SQLException {
    try (Connection c = DriverManager.getConnection(ordersJdbcUrl, "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders WHERE status = 'CREATING'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The finished summary: at once (200), or polled by its id while it answers 202. */
  private JsonNode awaitDone(Answer started, String path, String idField)
      throws GaveUp, InterruptedException {
    Answer answer = started;
    long deadline = System.nanoTime() + settle.toNanos();
    while (answer.status() == 202 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      answer = client.operator("GET", path + started.body().path(idField).asText(), null);
    }
    if (answer.status() != 200) {
      throw new IllegalStateException(path + " did not finish: " + answer.status() + answer.body());
    }
    return answer.body();
  }
}
