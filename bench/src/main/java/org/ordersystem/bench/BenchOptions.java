package org.ordersystem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings, from {@code --name=value} arguments ({@code bench/run} passes them).
 *
 * @param scenarios which to run, in order: {@code order}, {@code ceiling}, {@code baseline}
 * @param fixedRate when set, one step at this rate per scenario instead of a ramp
 * @param steadyShare the steady step runs at this share of the highest sustainable rate
 * @param overloadFactor the overload step runs at this multiple of the highest sustainable rate,
 *     for scenarios that shed load; 0 disables it, as does an {@code overloadDuration} of 0
 * @param overloadDrain how long the overload step waits for its accepted orders after the last
 *     send: longer than the other steps' drain, since under overload the accepted orders queue in
 *     the workers, and one still running when the wait ends counts as not completed
 * @param pids processes whose CPU is measured, {@code name:pid,...}
 */
public record BenchOptions(
    String label,
    String server,
    String commit,
    Path out,
    List<String> scenarios,
    String apiBaseUrl,
    String shopKey,
    String operatorKey,
    String temporalTarget,
    String namespace,
    String dbServerUrl,
    String dbUser,
    String dbPassword,
    String stockTarget,
    String shippingTarget,
    String paymentTarget,
    Double fixedRate,
    Duration stepDuration,
    Duration warmup,
    double warmupRate,
    double startRate,
    double factor,
    int refinements,
    double maxRate,
    RampBounds bounds,
    double steadyShare,
    Duration steadyDuration,
    Duration drainTimeout,
    double overloadFactor,
    Duration overloadDuration,
    Duration overloadDrain,
    OverloadBounds overloadBounds,
    long pollMillis,
    int baselineThreads,
    int baselineDbPool,
    Map<String, Long> pids,
    double clockTicks) {

  /** The {@code --name=value} arguments of a benchmark client, by name. */
  public static Map<String, String> arguments(String... args) {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return a;
  }

  public static BenchOptions parse(String... args) {
    Map<String, String> a = arguments(args);
    String fixed = a.get("rate");
    double maxErrorRatio = Double.parseDouble(a.getOrDefault("max-error-ratio", "0.001"));
    return new BenchOptions(
        a.getOrDefault("label", "local"),
        a.getOrDefault("server", "embedded"),
        a.getOrDefault("commit", "unknown"),
        Path.of(a.getOrDefault("out", "bench/results/latest")),
        Arrays.asList(a.getOrDefault("scenarios", "order,ceiling,baseline").split(",")),
        a.getOrDefault("api", "http://localhost:8080"),
        a.getOrDefault("shop-key", "demo-shop-key"),
        a.getOrDefault("operator-key", "demo-operator-key"),
        a.getOrDefault("temporal", "localhost:7233"),
        a.getOrDefault("namespace", "default"),
        a.getOrDefault("db", "jdbc:mysql://localhost:3307?sslMode=DISABLED"),
        a.getOrDefault("db-user", "root"),
        a.getOrDefault("db-password", ""),
        a.getOrDefault("stock", "localhost:50051"),
        a.getOrDefault("shipping", "localhost:50052"),
        a.getOrDefault("payment", "localhost:50053"),
        fixed == null ? null : Double.parseDouble(fixed),
        Duration.parse(a.getOrDefault("step", "PT15S")),
        Duration.parse(a.getOrDefault("warmup", "PT20S")),
        Double.parseDouble(a.getOrDefault("warmup-rate", "5")),
        Double.parseDouble(a.getOrDefault("start-rate", "2")),
        Double.parseDouble(a.getOrDefault("factor", "1.5")),
        Integer.parseInt(a.getOrDefault("refinements", "2")),
        Double.parseDouble(a.getOrDefault("max-rate", "1000")),
        new RampBounds(
            Duration.parse(a.getOrDefault("p99-bound", "PT1S")),
            maxErrorRatio,
            Double.parseDouble(a.getOrDefault("max-shed-ratio", "0.001")),
            Double.parseDouble(a.getOrDefault("min-throughput-ratio", "0.95"))),
        Double.parseDouble(a.getOrDefault("steady-share", "0.5")),
        Duration.parse(a.getOrDefault("steady", "PT30S")),
        Duration.parse(a.getOrDefault("drain", "PT30S")),
        Double.parseDouble(a.getOrDefault("overload-factor", "3")),
        Duration.parse(a.getOrDefault("overload", "PT15S")),
        Duration.parse(a.getOrDefault("overload-drain", "PT2M")),
        new OverloadBounds(
            Duration.parse(a.getOrDefault("overload-accept-p99", "PT1S")), maxErrorRatio),
        Long.parseLong(a.getOrDefault("poll-ms", "10")),
        Integer.parseInt(a.getOrDefault("baseline-threads", "200")),
        Integer.parseInt(a.getOrDefault("baseline-db-pool", "10")),
        parsePids(a.getOrDefault("pids", "")),
        Double.parseDouble(a.getOrDefault("clock-ticks", "100")));
  }

  /** {@code name:pid,name:pid} in order; blank gives none. */
  static Map<String, Long> parsePids(String spec) {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.split(":");
      pids.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
    }
    return pids;
  }

  /** The JDBC URL of {@code database} on the benchmark's MySQL server. */
  String jdbcUrl(String database) {
    int query = dbServerUrl.indexOf('?');
    String server = query < 0 ? dbServerUrl : dbServerUrl.substring(0, query);
    String params = query < 0 ? "" : dbServerUrl.substring(query);
    return server + "/" + database + params;
  }
}
