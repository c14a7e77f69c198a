package org.ordersystem.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepItem;
import org.ordersystem.workflows.recovery.SweepSummary;

/** Pending columns of orders, the sweep's candidates and its record, on real MariaDB. */
class RecoveryReadModelIntegrationTest {

  private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
  private static final PendingInfo SHIPPING_DOWN =
      new PendingInfo(
          OrderStep.REGISTER_SHIPPING,
          "STEP_TIMED_OUT",
          "CreateShipment failed with UNAVAILABLE: shipping is down",
          T0.plusMillis(1234),
          2,
          true);

  private static HikariDataSource dataSource;
  private static OrderReadModel orders;
  private static RecoveryReadModel recovery;

  @BeforeAll
  static void migrate() {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();
    dataSource = new HikariDataSource();
    // A database of its own: candidates are every PENDING order, so other tests' rows would count.
    dataSource.setJdbcUrl(db.jdbcUrl("recovery_readmodel_test"));
    dataSource.setUsername(db.user());
    dataSource.setPassword(db.password());
    ReadModelSchema.migrate(dataSource);
    orders = new OrderReadModel(dataSource);
    recovery = new RecoveryReadModel(dataSource);
  }

  @AfterAll
  static void closePool() {
    dataSource.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM order_lines");
      s.executeUpdate("DELETE FROM orders");
      s.executeUpdate("DELETE FROM recovery_sweeps");
    }
  }

  @Test
  void shouldKeepWhyAnOrderIsPendingAndClearItWhenTheOrderMovesOn() {
    orders.record(order("o-1", OrderStatus.CREATING, 1, T0, null));
    orders.record(order("o-1", OrderStatus.PENDING, 2, T0.plusSeconds(60), SHIPPING_DOWN));

    assertThat(orders.find("o-1").orElseThrow().pending()).isEqualTo(SHIPPING_DOWN);

    orders.record(order("o-1", OrderStatus.COMPLETED, 3, T0.plusSeconds(120), null));

    StoredOrder completed = orders.find("o-1").orElseThrow();
    assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed.pending()).isNull();
  }

  @Test
  void shouldStoreAnOrderFirstSeenPendingWithItsPendingInfo() {
    PendingInfo afterCapture =
        new PendingInfo(OrderStep.COMMIT_STOCK, "INTERNAL", null, T0, 1, false);

    orders.record(order("o-2", OrderStatus.PENDING, 4, T0, afterCapture));

    assertThat(orders.find("o-2").orElseThrow().pending()).isEqualTo(afterCapture);
  }

  @Test
  void shouldShortenAMessageLongerThanItsColumnRatherThanLoseTheWrite() {
    String longMessage = "x".repeat(ColumnText.DETAIL + 500);
    PendingInfo verbose =
        new PendingInfo(OrderStep.RESERVE_STOCK, "INTERNAL", longMessage, T0, 1, true);

    orders.record(order("o-3", OrderStatus.PENDING, 1, T0, verbose));

    String stored = orders.find("o-3").orElseThrow().pending().message();
    assertThat(stored).hasSize(ColumnText.DETAIL).endsWith("…");
    assertThat(longMessage).startsWith(stored.substring(0, stored.length() - 1));
  }

  @Test
  void shouldFindEveryPendingOrderAndOnlyStaleCreatingOnesOldestFirst() {
    Instant staleBefore = T0.plusSeconds(600);
    orders.record(order("pending-new", OrderStatus.PENDING, 1, T0.plusSeconds(900), SHIPPING_DOWN));
    orders.record(order("creating-stale", OrderStatus.CREATING, 1, T0.plusSeconds(100), null));
    orders.record(order("creating-fresh", OrderStatus.CREATING, 1, T0.plusSeconds(700), null));
    orders.record(order("creating-at-limit", OrderStatus.CREATING, 1, staleBefore, null));
    orders.record(order("pending-old", OrderStatus.PENDING, 1, T0, SHIPPING_DOWN));
    orders.record(order("completed-old", OrderStatus.COMPLETED, 1, T0.minusSeconds(60), null));
    orders.record(order("rejected-old", OrderStatus.REJECTED, 1, T0.minusSeconds(60), null));

    List<SweepCandidate> candidates = recovery.findCandidates(new CandidateQuery(staleBefore, 10));

    assertThat(candidates)
        .extracting(SweepCandidate::orderId)
        .containsExactly("pending-old", "creating-stale", "pending-new");
    SweepCandidate pending = candidates.get(0);
    assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(pending.step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
    assertThat(pending.pending()).isEqualTo(SHIPPING_DOWN);
    assertThat(pending.shopId()).isEqualTo("shop-a");
    assertThat(pending.createdAt()).isEqualTo(T0.minusSeconds(3600));
    assertThat(pending.updatedAt()).isEqualTo(T0);
    SweepCandidate stale = candidates.get(1);
    assertThat(stale.status()).isEqualTo(OrderStatus.CREATING);
    assertThat(stale.pending()).isNull();
  }

  @Test
  void shouldTakeTheOldestCandidatesUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      orders.record(
          order("pending-" + i, OrderStatus.PENDING, 1, T0.plusSeconds(10 * i), SHIPPING_DOWN));
      orders.record(
          order("creating-" + i, OrderStatus.CREATING, 1, T0.plusSeconds(10 * i + 5), null));
    }

    List<SweepCandidate> candidates =
        recovery.findCandidates(new CandidateQuery(T0.plusSeconds(3600), 3));

    assertThat(candidates)
        .extracting(SweepCandidate::orderId)
        .containsExactly("pending-0", "creating-0", "pending-1");
  }

  @Test
  void shouldRefuseAQueryWithoutALimitOrAStaleThreshold() {
    assertThatThrownBy(() -> recovery.findCandidates(new CandidateQuery(T0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recovery.findCandidates(new CandidateQuery(null, 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRecordASweepOnceAndReadItBackWithItsItems() {
    SweepSummary first = sweep("recovery-sweep-1", T0, 1);
    SweepSummary replayedWithOtherCounts = sweep("recovery-sweep-1", T0, 7);

    assertThat(recovery.recordSweep(first)).isTrue();
    assertThat(recovery.recordSweep(replayedWithOtherCounts)).isFalse();

    assertThat(recovery.findSweep("recovery-sweep-1")).contains(first);
    assertThat(recovery.findSweep("recovery-sweep-unknown")).isEmpty();
  }

  @Test
  void shouldListTheLatestSweepsNewestFirst() {
    recovery.recordSweep(sweep("s-old", T0, 1));
    recovery.recordSweep(sweep("s-new", T0.plusSeconds(600), 2));
    recovery.recordSweep(sweep("s-mid", T0.plusSeconds(300), 0));

    assertThat(recovery.recentSweeps(2))
        .extracting(SweepSummary::sweepId)
        .containsExactly("s-new", "s-mid");
    assertThat(recovery.recentSweeps(10)).hasSize(3);
    assertThatThrownBy(() -> recovery.recentSweeps(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recovery.recentSweeps(RecoveryReadModel.MAX_SWEEPS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SweepSummary sweep(String id, Instant startedAt, int retried) {
    List<SweepItem> items =
        List.of(
            new SweepItem(
                "o-1",
                OrderStatus.PENDING,
                OrderStep.REGISTER_SHIPPING,
                "STEP_TIMED_OUT",
                SweepDecision.RETRY,
                "backoff over",
                OrderStatus.COMPLETED,
                null),
            new SweepItem(
                "o-2",
                OrderStatus.PENDING,
                OrderStep.COMMIT_STOCK,
                "INTERNAL",
                SweepDecision.ROLLBACK,
                "too old",
                null,
                "ROLLBACK_NOT_ALLOWED: capture has begun"));
    return new SweepSummary(
        id, "schedule", startedAt, startedAt.plusMillis(2500), 2, retried, 1, 0, 0, 1, 1, items);
  }

  private static StoredOrder order(
      String orderId, OrderStatus status, long version, Instant updatedAt, PendingInfo pending) {
    OrderStep step = pending != null ? pending.step() : OrderStep.AUTHORIZE_PAYMENT;
    return MugOrders.row(
        orderId, "shop-a", status, step, version, T0.minusSeconds(3600), updatedAt, pending);
  }
}
