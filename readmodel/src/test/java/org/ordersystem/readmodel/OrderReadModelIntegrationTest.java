package org.ordersystem.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.ShipmentState;
import org.ordersystem.workflows.model.SourceType;

class OrderReadModelIntegrationTest {

  private static HikariDataSource dataSource;
  private static OrderReadModel readModel;
  private static RestIdempotencyKeys keys;

  @BeforeAll
  static void migrate() {
    EmbeddedMariaDb db = EmbeddedMariaDb.shared();
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(db.jdbcUrl("readmodel_test"));
    dataSource.setUsername(db.user());
    dataSource.setPassword(db.password());
    ReadModelSchema.migrate(dataSource);
    readModel = new OrderReadModel(dataSource);
    keys = new RestIdempotencyKeys(dataSource);
  }

  @AfterAll
  static void closePool() {
    dataSource.close();
  }

  @Test
  void shouldKeepTheNewestVersionWhateverOrderWritesArriveIn() {
    String orderId = UUID.randomUUID().toString();
    Instant created = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(readModel.record(order(orderId, "shop-a", OrderStatus.CREATING, 1, created)))
        .isTrue();
    assertThat(readModel.record(order(orderId, "shop-a", OrderStatus.COMPLETED, 3, created)))
        .isTrue();
    assertThat(readModel.record(order(orderId, "shop-a", OrderStatus.CREATING, 2, created)))
        .isFalse();
    assertThat(readModel.record(order(orderId, "shop-a", OrderStatus.COMPLETED, 3, created)))
        .isFalse();

    StoredOrder stored = readModel.find(orderId).orElseThrow();
    assertThat(stored.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(stored.version()).isEqualTo(3);
    assertThat(stored.lines()).containsExactly(new OrderLine("MUG", 2, 1200));
    assertThat(stored.legs())
        .containsExactly(new PaymentLeg("1", SourceType.BALANCE, 2400, LegState.AUTHORIZED));
    assertThat(stored.stepsDone()).containsExactly(OrderStep.RESERVE_STOCK);
    assertThat(stored.createdAt()).isEqualTo(created);
  }

  @Test
  void shouldPageAShopsOrdersNewestFirstWithoutGapsOrRepeats() {
    String shop = "shop-" + UUID.randomUUID();
    Instant base = Instant.parse("2026-02-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      readModel.record(
          order("o" + i + "-" + shop, shop, OrderStatus.COMPLETED, 1, base.plusSeconds(i)));
    }
    readModel.record(order("other-" + shop, "another-shop", OrderStatus.COMPLETED, 1, base));

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      OrderPage page = readModel.list(new OrderQuery(shop, null, OrderStatus.COMPLETED, token, 2));
      page.items().forEach(o -> seen.add(o.orderId()));
      token = page.nextPageToken();
    } while (token != null);

    assertThat(seen)
        .containsExactly("o4-" + shop, "o3-" + shop, "o2-" + shop, "o1-" + shop, "o0-" + shop);
  }

  @Test
  void shouldRefuseAPageTokenItDidNotWrite() {
    assertThatThrownBy(() -> readModel.list(new OrderQuery(null, null, null, "garbage!", 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveAnIdempotencyKeyToExactlyOneOfConcurrentClaims() throws Exception {
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<RestIdempotencyKeys.Claim>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String candidate = "order-" + i;
        claims.add(() -> keys.claim("shop-a", key, "hash-1", candidate));
      }
      List<RestIdempotencyKeys.Claim> results = new ArrayList<>();
      for (Future<RestIdempotencyKeys.Claim> f : pool.invokeAll(claims)) {
        results.add(f.get());
      }

      assertThat(results).filteredOn(RestIdempotencyKeys.Claim::firstUse).hasSize(1);
      assertThat(results)
          .extracting(RestIdempotencyKeys.Claim::orderId)
          .containsOnly(
              results.stream()
                  .filter(RestIdempotencyKeys.Claim::firstUse)
                  .findFirst()
                  .orElseThrow()
                  .orderId());
      assertThat(keys.claim("shop-a", key, "hash-2", "order-x").sameRequest()).isFalse();
      assertThat(keys.claim("shop-b", key, "hash-2", "order-y").firstUse()).isTrue();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void shouldNeverTakeARefundBackFromCompleted() {
    RefundReadModel refunds = new RefundReadModel(dataSource);
    String orderId = UUID.randomUUID().toString();
    Instant requested = Instant.parse("2026-03-01T00:00:00Z");
    RefundView asked =
        new RefundView(
            "r1",
            orderId,
            RefundStatus.REQUESTED,
            1200,
            List.of(new RefundLine("MUG", 1)),
            "damaged",
            List.of(),
            false,
            requested,
            null);
    RefundView done =
        new RefundView(
            "r1",
            orderId,
            RefundStatus.COMPLETED,
            1200,
            List.of(new RefundLine("MUG", 1)),
            "damaged",
            List.of(new LegRefund("1", SourceType.BALANCE, 1200)),
            false,
            requested,
            requested.plusSeconds(1));

    refunds.record(asked);
    refunds.record(done);
    refunds.record(asked);

    assertThat(refunds.find(orderId, "r1")).contains(done);
    assertThat(refunds.list(orderId)).containsExactly(done);
    assertThat(refunds.find(orderId, "r2")).isEmpty();
  }

  @Test
  void shouldListAnOrdersRefundsOldestFirstAndOnlyItsOwn() {
    RefundReadModel refunds = new RefundReadModel(dataSource);
    String orderId = UUID.randomUUID().toString();
    Instant first = Instant.parse("2026-03-02T00:00:00Z");
    RefundView later =
        new RefundView(
            "b-second",
            orderId,
            RefundStatus.REQUESTED,
            500,
            List.of(),
            null,
            List.of(),
            false,
            first.plusSeconds(60),
            null);
    RefundView earlier =
        new RefundView(
            "z-first",
            orderId,
            RefundStatus.COMPLETED,
            6000,
            List.of(),
            "all of it",
            List.of(
                new LegRefund("2", SourceType.CARD, 2500),
                new LegRefund("1", SourceType.BALANCE, 3500)),
            true,
            first,
            first.plusSeconds(5));

    assertThat(refunds.record(later)).isTrue();
    assertThat(refunds.record(earlier)).isTrue();
    assertThat(refunds.record(earlier)).isFalse();
    refunds.record(
        new RefundView(
            "x",
            UUID.randomUUID().toString(),
            RefundStatus.REQUESTED,
            1,
            List.of(),
            null,
            List.of(),
            false,
            first,
            null));

    assertThat(refunds.list(orderId)).containsExactly(earlier, later);
    assertThat(refunds.list(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void shouldShortenEveryTextLongerThanItsColumnRatherThanLoseTheWrite() {
    String orderId = UUID.randomUUID().toString();
    StoredOrder created = order(orderId, "shop-a", OrderStatus.CREATING, 1, Instant.now());
    String longDetail = "Rolled back by an operator: " + "x".repeat(5000);
    StoredOrder cancelled =
        StoredOrder.of(
            new OrderView(
                orderId,
                "shop-a",
                "cust-001",
                OrderStatus.CANCELLED,
                OrderStep.AUTHORIZE_PAYMENT,
                created.stepsDone(),
                created.total(),
                "A_REASON_NAME_LONGER_THAN_ITS_COLUMN_".repeat(3),
                longDetail,
                created.lines(),
                created.legs(),
                "T".repeat(100),
                2,
                created.createdAt(),
                created.updatedAt()));
    RefundReadModel refunds = new RefundReadModel(dataSource);
    RefundView refund =
        new RefundView(
            "r-long",
            orderId,
            RefundStatus.REQUESTED,
            1,
            List.of(),
            "y".repeat(70_000),
            List.of(),
            false,
            Instant.now(),
            null);

    assertThat(readModel.record(created)).isTrue();
    assertThat(readModel.record(cancelled)).isTrue();
    assertThat(refunds.record(refund)).isTrue();

    StoredOrder stored = readModel.find(orderId).orElseThrow();
    assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(stored.reason()).hasSize(ColumnText.REASON);
    assertThat(stored.reasonDetail()).hasSize(ColumnText.DETAIL).startsWith("Rolled back by");
    assertThat(stored.trackingNumber()).hasSize(ColumnText.TRACKING_NUMBER);
    assertThat(refunds.list(orderId).get(0).reason()).hasSize(ColumnText.TEXT).endsWith("…");
  }

  @Test
  void shouldKeepShipmentStateAndRefundedAmount() {
    String orderId = UUID.randomUUID().toString();
    StoredOrder created = order(orderId, "shop-a", OrderStatus.COMPLETED, 1, Instant.now());
    StoredOrder refunded =
        StoredOrder.of(
            new OrderView(
                orderId,
                "shop-a",
                "cust-001",
                OrderStatus.PARTIALLY_REFUNDED,
                OrderStep.COMPLETED,
                created.stepsDone(),
                created.total(),
                null,
                null,
                created.lines(),
                created.legs(),
                "JP1",
                2,
                created.createdAt(),
                created.updatedAt(),
                ShipmentState.DISPATCHED,
                1200));

    readModel.record(created);
    readModel.record(refunded);

    StoredOrder stored = readModel.find(orderId).orElseThrow();
    assertThat(stored.shipmentState()).isEqualTo(ShipmentState.DISPATCHED);
    assertThat(stored.refundedAmount()).isEqualTo(1200);
    assertThat(stored.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
  }

  private static StoredOrder order(
      String orderId, String shopId, OrderStatus status, long version, Instant createdAt) {
    OrderStep step =
        status == OrderStatus.COMPLETED ? OrderStep.COMPLETED : OrderStep.AUTHORIZE_PAYMENT;
    return MugOrders.row(
        orderId, shopId, status, step, version, createdAt, createdAt.plusSeconds(version), null);
  }
}
