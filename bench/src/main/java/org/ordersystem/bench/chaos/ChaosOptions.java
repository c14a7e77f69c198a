package org.ordersystem.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ordersystem.bench.BenchOptions;

/**
 * The chaos client's arguments, {@code --name=value} each.
 *
 * @param orders how many orders to place (10000 in the documented run)
 * @param seed the seed of the orders and of the fault schedule
 * @param phaseOrders orders per phase of the schedule
 * @param killEvery a kill in every n-th phase, from the second on
 * @param shoppers orders in flight at once (closed loop); 8 by default, as many as the API places
 *     at once by default (ORDERS_API_MAX_PLACEMENTS_IN_FLIGHT), so none is shed
 * @param settle the longest wait for orders to settle, and for a sweep or a reconciliation run
 * @param api the API's base URL
 * @param temporal the Temporal frontend, host:port
 * @param db the MariaDB server's JDBC URL, without a database
 * @param data the run's data directory (logs, pids, stack.env)
 * @param partCommand the command that kills and starts parts (bench/lib/part)
 * @param auditOnly place nothing: audit again the run whose data is in {@code data} ({@link
 *     ClientRun}), after a recovery
 */
record ChaosOptions(
    int orders,
    long seed,
    int phaseOrders,
    int killEvery,
    int shoppers,
    Duration settle,
    String api,
    String temporal,
    String db,
    Path data,
    String partCommand,
    boolean auditOnly) {

  /** The reconciliation grace bench/chaos gives the stack (ORDERS_RECON_GRACE). */
  static final Duration RECON_GRACE = Duration.ofSeconds(10);

  static ChaosOptions parse(String[] args) {
    Map<String, String> a = BenchOptions.arguments(args);
    ChaosOptions o =
        new ChaosOptions(
            Integer.parseInt(a.getOrDefault("orders", "10000")),
            Long.parseLong(a.getOrDefault("seed", "1")),
            Integer.parseInt(a.getOrDefault("phase-orders", "25")),
            Integer.parseInt(a.getOrDefault("kill-every", "3")),
            Integer.parseInt(a.getOrDefault("shoppers", "8")),
            Duration.parse(a.getOrDefault("settle", "PT5M")),
            required(a, "api"),
            required(a, "temporal"),
            required(a, "db"),
            Path.of(required(a, "data")),
            required(a, "part-command"),
            flag(a, "audit-only"));
    a.keySet()
        .removeAll(
            java.util.Set.of(
                "orders",
                "seed",
                "phase-orders",
                "kill-every",
                "shoppers",
                "settle",
                "api",
                "temporal",
                "db",
                "data",
                "part-command",
                "audit-only"));
    if (!a.isEmpty()) {
      throw new IllegalArgumentException("unknown arguments: " + a.keySet());
    }
    return o;
  }

  private static boolean flag(Map<String, String> a, String name) {
    String value = a.getOrDefault(name, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("--" + name + "= takes true or false, not " + value);
    }
    return value.equals("true");
  }

  private static String required(Map<String, String> a, String name) {
    String value = a.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + "= is required");
    }
    return value;
  }
}
