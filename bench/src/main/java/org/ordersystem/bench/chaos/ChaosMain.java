package org.ordersystem.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The chaos client (bench/chaos starts the stack and then this): places the seeded plan's orders
 * under the fault schedule, recovers, audits, and prints the verdict. Exit code 0 when the audit
 * passed, 1 on a violation, 2 when the run itself broke. The last line is the summary.
 */
public final class ChaosMain {

  private static final int FIRST_VIOLATIONS = 30;

  private ChaosMain() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    ChaosOptions options;
    try {
      options = ChaosOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      System.exit(run(options, started));
    } catch (Exception e) {
      System.err.println("chaos run broke (seed " + options.seed() + "): " + e);
      e.printStackTrace();
      System.exit(2);
    }
  }

  private static int run(ChaosOptions o, long started) throws Exception {
    ShopClient client = new ShopClient(o.api(), Duration.ofMinutes(3));
    AuditReader reader = new AuditReader(o.db(), o.temporal(), client);
    FaultSwitch faults = new FaultSwitch(client);
    ClientRun run = o.auditOnly() ? again(o) : place(o, client, reader, faults, started);

    new Recovery(client, faults, reader.url("orders"), o.settle(), ChaosOptions.RECON_GRACE)
        .recover();
    AuditRecords records = reader.read(run.before(), run.accepted());
    Auditor.Verdict verdict = Auditor.audit(records);
    List<String> violations = new ArrayList<>(run.clientViolations());
    violations.addAll(verdict.violations());

    print(records, verdict, violations, run.seed());
    System.out.println("data and logs in " + o.data());
    System.out.printf(
        "chaos seed=%d orders=%d plan=%s accepted=%d shapes=%s final=%s client=%s faults=%d%s"
            + " kills=%d%s violations=%d duration=%ds%s%n",
        run.seed(),
        run.orders(),
        run.plan(),
        records.accepted().size(),
        count(records, false),
        count(records, true),
        run.counts(),
        sum(run.faults()),
        run.faults(),
        sum(run.kills()),
        run.kills(),
        violations.size(),
        seconds(started),
        o.auditOnly() ? " (audited again)" : "");
    return violations.isEmpty() ? 0 : 1;
  }

  /** Places the seeded plan's orders under its fault schedule; the run saved before and after. */
  private static ClientRun place(
      ChaosOptions o, ShopClient client, AuditReader reader, FaultSwitch faults, long started)
      throws Exception {
    ChaosPlan plan = ChaosPlan.of(o.seed(), o.orders(), o.phaseOrders(), o.killEvery());
    System.out.printf(
        "plan: seed %d, %d orders, %d phases, fingerprint %s%n",
        o.seed(), o.orders(), plan.phases().size(), plan.fingerprint());
    AuditReader.Snapshot before = reader.snapshot();
    ClientRun.starting(o.seed(), o.orders(), plan.fingerprint(), before).save(o.data());

    ClientRecord record = new ClientRecord();
    ExecutorService duplicates = Executors.newCachedThreadPool();
    Shopper shopper = new Shopper(client, record, duplicates, Duration.ofSeconds(90));
    ChaosRun chaos =
        new ChaosRun(
            plan, o.shoppers(), shopper, faults, new PartControl(o.partCommand(), o.data()));
    chaos.run();
    duplicates.shutdown();
    System.out.printf("orders placed in %d s%n", seconds(started));
    ClientRun run =
        new ClientRun(
            o.seed(),
            o.orders(),
            plan.fingerprint(),
            true,
            before,
            record.accepted(),
            record.violations(),
            record.counts(),
            faults.injected(),
            chaos.kills());
    run.save(o.data());
    return run;
  }

  /** The run saved in the data directory, to recover and audit again. */
  private static ClientRun again(ChaosOptions o) throws Exception {
    ClientRun run = ClientRun.load(o.data());
    System.out.printf(
        "auditing again: seed %d, %d orders, fingerprint %s, %d accepted%n",
        run.seed(), run.orders(), run.plan(), run.accepted().size());
    return run;
  }

  private static void print(
      AuditRecords records, Auditor.Verdict verdict, List<String> violations, long seed) {
    System.out.println("orders by shape and status:");
    Map<String, Map<String, Long>> table = new TreeMap<>();
    for (ClientRecord.Accepted a : records.accepted()) {
      AuditRecords.OrderRow row = records.orders().get(a.orderId());
      table
          .computeIfAbsent(a.shape().name(), s -> new TreeMap<>())
          .merge(row == null ? "MISSING" : row.status(), 1L, Long::sum);
    }
    table.forEach((shape, statuses) -> System.out.printf("  %-14s %s%n", shape, statuses));
    System.out.println("PENDING orders: " + verdict.pending().size());
    verdict.pending().forEach(p -> System.out.println("  " + p));
    if (!violations.isEmpty()) {
      System.out.printf(
          "AUDIT FAILED, seed %d: %d violations; the first %d:%n",
          seed, violations.size(), Math.min(FIRST_VIOLATIONS, violations.size()));
      violations.stream().limit(FIRST_VIOLATIONS).forEach(v -> System.out.println("  " + v));
    } else {
      System.out.println("audit passed");
    }
  }

  /** Accepted orders by shape, or by final status. */
  private static Map<String, Long> count(AuditRecords records, boolean byStatus) {
    Map<String, Long> counts = new TreeMap<>();
    for (ClientRecord.Accepted a : records.accepted()) {
      AuditRecords.OrderRow row = records.orders().get(a.orderId());
      String key = byStatus ? (row == null ? "MISSING" : row.status()) : a.shape().name();
      counts.merge(key, 1L, Long::sum);
    }
    return counts;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }
}
