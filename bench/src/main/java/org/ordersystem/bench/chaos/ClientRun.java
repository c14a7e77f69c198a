package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What the chaos client must keep to audit its run again without placing the orders again: the
 * stock and wallets before the run, the orders it got accepted, and what it counted. Saved in the
 * run's data directory ({@value #FILE}) once before the first order and once after the last, so a
 * run whose recovery or audit broke can be audited again on the data it left ({@code bench/chaos
 * --audit-only}), with the auditor of the day.
 *
 * @param placed whether every order was placed: only then is the accepted list the whole run's
 * @param before stock and wallets before the first order
 * @param clientViolations what the client saw go wrong while placing (several orders for one key)
 */
record ClientRun(
    long seed,
    int orders,
    String plan,
    boolean placed,
    AuditReader.Snapshot before,
    List<ClientRecord.Accepted> accepted,
    List<String> clientViolations,
    Map<String, Long> counts,
    Map<String, Long> faults,
    Map<String, Long> kills) {

  static final String FILE = "client-run.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The run before its first order: nothing placed yet. */
  static ClientRun starting(long seed, int orders, String plan, AuditReader.Snapshot before) {
    return new ClientRun(
        seed, orders, plan, false, before, List.of(), List.of(), Map.of(), Map.of(), Map.of());
  }

  /** Writes the file whole or not at all: a kill mid-write leaves the previous one. */
  void save(Path dataDir) throws IOException {
    Path tmp = dataDir.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(
        tmp,
        dataDir.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The run saved in {@code dataDir}, to audit again.
   *
   * @throws IllegalStateException when there is none, or its orders were not all placed (its
   *     accepted list is not the whole run's: auditing it would miss the orders placed after)
   */
  static ClientRun load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "no " + FILE + " in " + dataDir + ": not the data of a chaos run that began placing");
    }
    ClientRun run = JSON.readValue(file.toFile(), ClientRun.class);
    if (!run.placed()) {
      throw new IllegalStateException(
          "the run in "
              + dataDir
              + " stopped before its last order: its accepted list is not the whole run's");
    }
    return run;
  }
}
