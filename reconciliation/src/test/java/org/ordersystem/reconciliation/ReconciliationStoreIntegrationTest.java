package org.ordersystem.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.reconciliation.CompareRequest;
import org.ordersystem.workflows.reconciliation.CompareResult;
import org.ordersystem.workflows.reconciliation.IngestResult;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;
import org.ordersystem.workflows.reconciliation.MismatchClass;
import org.ordersystem.workflows.reconciliation.MismatchState;
import org.ordersystem.workflows.reconciliation.ProviderRecord;
import org.ordersystem.workflows.reconciliation.ProviderState;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;

/** The store on real MariaDB: deduplicated events in any order, mismatches, runs. */
class ReconciliationStoreIntegrationTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration GRACE = Duration.ofMinutes(2);

  private static HikariDataSource dataSource;
  private static ProviderEventStore events;
  private static MismatchStore mismatches;
  private static RunStore runs;
  private static final FakeLegs legs = new FakeLegs();

  @BeforeAll
  static void migrate() {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(ReconciliationSchema.urlBeside(db.jdbcUrl("orders_recon_test")));
    dataSource.setUsername(db.user());
    dataSource.setPassword(db.password());
    ReconciliationSchema.migrate(dataSource);
    events = new ProviderEventStore(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
    mismatches = new MismatchStore(dataSource);
    runs = new RunStore(dataSource);
  }

  @AfterAll
  static void closePool() {
    dataSource.close();
  }

  @Test
  void shouldStoreEachEventOnceAndReadTheHighestSequenceWhateverTheOrderOfArrival() {
    String reference = reference();
    List<ProviderEvent> history =
        List.of(
            event(reference, 1, "AUTHORIZED", ProviderState.AUTHORIZED, 0, 0),
            event(reference, 2, "CAPTURED", ProviderState.CAPTURED, 5_000, 0),
            event(reference, 3, "REFUNDED", ProviderState.CAPTURED, 5_000, 1_000));
    List<ProviderEvent> delivered = new ArrayList<>(history);
    delivered.addAll(history);
    Collections.shuffle(delivered, new Random(7));

    int stored = 0;
    for (int i = 0; i < delivered.size(); i += 2) {
      stored += events.storePage(delivered.subList(i, Math.min(i + 2, delivered.size())), "c" + i);
    }

    assertThat(stored).isEqualTo(3);
    assertThat(events.cursor()).isEqualTo("c4");
    ProviderRecord record = events.find(reference).orElseThrow();
    assertThat(record.lastSequence()).isEqualTo(3);
    assertThat(record.charged()).isEqualTo(4_000);
    assertThat(record.held()).isZero();
    // Only the first two arrived so far, newest first: still the capture, never the authorization.
    String other = reference();
    events.storePage(List.of(event(other, 2, "CAPTURED", ProviderState.CAPTURED, 700, 0)), "d");
    events.storePage(List.of(event(other, 1, "AUTHORIZED", ProviderState.AUTHORIZED, 0, 0)), "e");
    assertThat(events.find(other).orElseThrow().state()).isEqualTo(ProviderState.CAPTURED);
  }

  @Test
  void shouldOpenAMismatchOnceKeepItCurrentAndCloseItWhenTheSidesAgree() {
    String reference = reference();
    events.storePage(
        List.of(
            event(reference, 1, "AUTHORIZED", ProviderState.AUTHORIZED, 0, 0),
            event(reference, 2, "CAPTURED", ProviderState.CAPTURED, 5_000, 0)),
        "x");
    legs.put(reference, new InternalRecord(LegState.AUTHORIZED, 5_000, 0, "auth_" + reference, T0));
    Comparison comparison = new Comparison(events, legs, mismatches);

    CompareResult young = comparison.compare(request("run-1", T0.plusSeconds(30)));
    assertThat(young.classes()).containsEntry(MismatchClass.EXPECTED, 1);
    assertThat(openFor(young, reference)).isEmpty();

    CompareResult aged = comparison.compare(request("run-2", T0.plus(GRACE)));
    Mismatch opened = openFor(aged, reference).orElseThrow();
    assertThat(opened.mismatchClass()).isEqualTo(MismatchClass.MISSING_INTERNAL);
    assertThat(opened.provider().charged()).isEqualTo(5_000);
    assertThat(opened.internal().held()).isEqualTo(5_000);

    CompareResult again = comparison.compare(request("run-3", T0.plus(GRACE).plusSeconds(60)));
    assertThat(openFor(again, reference).orElseThrow().id()).isEqualTo(opened.id());

    mismatches.noteAction(opened.id(), "RECORD_CAPTURE_THEN_RETRY: ... -> order COMPLETED", T0);
    legs.put(reference, new InternalRecord(LegState.CAPTURED, 5_000, 0, "auth_" + reference, T0));
    CompareResult agreed = comparison.compare(request("run-4", T0.plus(Duration.ofMinutes(5))));

    assertThat(agreed.autoResolved()).isEqualTo(1);
    assertThat(openFor(agreed, reference)).isEmpty();
    Mismatch closed = mismatches.find(opened.id()).orElseThrow();
    assertThat(closed.state()).isEqualTo(MismatchState.AUTO_RESOLVED);
    assertThat(closed.resolvedBy()).isEqualTo("reconciliation");
    assertThat(closed.resolution()).contains("after the correction");
    assertThat(closed.action()).contains("RECORD_CAPTURE_THEN_RETRY");
    // Closed mismatches stay, and a new disagreement opens a new one.
    legs.put(reference, new InternalRecord(LegState.VOIDED, 5_000, 0, "auth_" + reference, T0));
    CompareResult reopened = comparison.compare(request("run-5", T0.plus(Duration.ofMinutes(9))));
    assertThat(openFor(reopened, reference).orElseThrow().id()).isNotEqualTo(opened.id());
  }

  @Test
  void shouldFindLegsMissingAtTheProviderAndCompareEachSideWhateverItsAge() {
    String ours = reference();
    legs.put(ours, new InternalRecord(LegState.CAPTURED, 900, 0, "auth_x", T0));
    String theirs = reference();
    events.storePage(List.of(event(theirs, 1, "AUTHORIZED", ProviderState.AUTHORIZED, 0, 0)), "y");

    CompareResult result =
        new Comparison(events, legs, mismatches).compare(request("run-6", T0.plus(GRACE)));

    assertThat(openFor(result, ours).orElseThrow().mismatchClass())
        .isEqualTo(MismatchClass.MISSING_AT_PROVIDER);
    assertThat(openFor(result, theirs).orElseThrow().mismatchClass())
        .isEqualTo(MismatchClass.MISSING_INTERNAL);
  }

  @Test
  void shouldLetAnOperatorResolveAnOpenMismatchOnce() {
    Mismatch m =
        mismatches.recordOpen(
            "run-7",
            reference(),
            MismatchClass.AMOUNT_MISMATCH,
            null,
            new InternalRecord(LegState.CAPTURED, 100, 0, null, T0),
            T0);

    assertThat(mismatches.resolveByOperator(m.id(), "operator", "refunded by hand", T0))
        .isEqualTo(MismatchStore.OperatorOutcome.RESOLVED);
    assertThat(mismatches.resolveByOperator(m.id(), "operator", "again", T0))
        .isEqualTo(MismatchStore.OperatorOutcome.NOT_OPEN);
    assertThat(mismatches.resolveByOperator(-1, "operator", "x", T0))
        .isEqualTo(MismatchStore.OperatorOutcome.NOT_FOUND);
    Mismatch resolved = mismatches.find(m.id()).orElseThrow();
    assertThat(resolved.state()).isEqualTo(MismatchState.RESOLVED_BY_OPERATOR);
    assertThat(resolved.resolution()).isEqualTo("refunded by hand");
    assertThat(mismatches.autoResolve(m.id(), "run-8", T0)).isFalse();
    assertThat(mismatches.list(MismatchState.RESOLVED_BY_OPERATOR, 100, Long.MAX_VALUE))
        .extracting(Mismatch::id)
        .contains(m.id());
    assertThat(mismatches.list(MismatchState.OPEN, 100, Long.MAX_VALUE))
        .extracting(Mismatch::id)
        .doesNotContain(m.id());
  }

  @Test
  void shouldKeepEachRunsSummary() {
    ReconciliationSummary summary =
        new ReconciliationSummary(
            "run-" + UUID.randomUUID(),
            "manual",
            T0,
            T0.plusSeconds(4),
            new IngestResult(10, 6, 4, 2, true),
            12,
            Map.of(MismatchClass.MISSING_INTERNAL, 2, MismatchClass.EXPECTED, 1),
            2,
            1,
            0,
            List.of());

    runs.record(summary);
    runs.record(summary);

    assertThat(runs.find(summary.runId())).contains(summary);
    assertThat(runs.find("run-unknown")).isEmpty();
  }

  private static Optional<Mismatch> openFor(CompareResult result, String reference) {
    return result.open().stream().filter(m -> m.reference().equals(reference)).findFirst();
  }

  private static CompareRequest request(String runId, Instant now) {
    return new CompareRequest(runId, T0.minus(Duration.ofDays(1)), now, GRACE);
  }

  private static String reference() {
    return "order-" + UUID.randomUUID() + ":1";
  }

  private static ProviderEvent event(
      String reference,
      long sequence,
      String type,
      ProviderState state,
      long captured,
      long refunded) {
    return new ProviderEvent(
        "evt_" + reference + "_" + sequence,
        "auth_" + reference,
        reference,
        sequence,
        type,
        5_000,
        state,
        5_000,
        captured,
        refunded,
        T0);
  }

  /** Our side as the payment service would list it. */
  static final class FakeLegs implements InternalRecords {
    private final Map<String, InternalRecord> legs = new HashMap<>();

    synchronized void put(String reference, InternalRecord record) {
      legs.put(reference, record);
    }

    @Override
    public synchronized Map<String, InternalRecord> changedSince(Instant since) {
      return new HashMap<>(legs);
    }

    @Override
    public synchronized Map<String, InternalRecord> find(Collection<String> references) {
      Map<String, InternalRecord> found = new HashMap<>();
      references.stream().filter(legs::containsKey).forEach(r -> found.put(r, legs.get(r)));
      return found;
    }
  }
}
