package org.ordersystem.services.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.id;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.line;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.reserve;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.stock.v1.CommitReservationRequest;
import org.ordersystem.proto.stock.v1.GetReservationRequest;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.Product;
import org.ordersystem.proto.stock.v1.ReleaseReservationRequest;
import org.ordersystem.proto.stock.v1.RestockLinesRequest;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.proto.stock.v1.StockServiceGrpc.StockServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

/** RestockLines: returned units of a sold reservation back on hand, never more than were sold. */
class StockRestockIntegrationTest {

  private static InProcessService<StockServer> service;
  private static StockServiceBlockingStub stock;

  @BeforeAll
  static void start() {
    service = InProcessService.start("stock", StockServer::new);
    stock = StockServiceGrpc.newBlockingStub(service.channel());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @Test
  void shouldPutUnitsBackAcrossPartialRestocksUpToWhatWasSold() {
    String id = sold(line("TSHIRT-M", 3), line("MUG-BLUE", 2));
    long tshirts = onHand("TSHIRT-M");
    long mugs = onHand("MUG-BLUE");

    assertThat(stock.restockLines(restock(id, line("TSHIRT-M", 1))).getRestockedList())
        .containsExactly(line("TSHIRT-M", 1));
    RestockLinesResponse second =
        stock.restockLines(
            restock(id, line("MUG-BLUE", 2), line("TSHIRT-M", 1), line("TSHIRT-M", 1)));
    Status exceeded =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "RESTOCK_EXCEEDED",
            () -> stock.restockLines(restock(id, line("TSHIRT-M", 1))));

    assertThat(second.getRestockedList()).containsExactly(line("MUG-BLUE", 2), line("TSHIRT-M", 3));
    assertThat(exceeded.getDescription()).contains("3 sold, 3 restocked already, 1 requested");
    assertThat(onHand("TSHIRT-M")).isEqualTo(tshirts + 3);
    assertThat(onHand("MUG-BLUE")).isEqualTo(mugs + 2);
    assertThat(stock.getReservation(get(id)).getRestockedList())
        .containsExactly(line("MUG-BLUE", 2), line("TSHIRT-M", 3));
  }

  @Test
  void shouldRestockNothingWhenOneLineExceedsWhatWasSold() {
    String id = sold(line("TOTE-CANVAS", 2), line("TSHIRT-L", 1));
    long totes = onHand("TOTE-CANVAS");

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "RESTOCK_EXCEEDED",
        () -> stock.restockLines(restock(id, line("TOTE-CANVAS", 1), line("TSHIRT-L", 2))));

    assertThat(onHand("TOTE-CANVAS")).isEqualTo(totes);
    assertThat(stock.getReservation(get(id)).getRestockedList()).isEmpty();
  }

  @Test
  void shouldReplayTheFirstResultForTheSameKeyAndRefuseOtherParameters() {
    String id = sold(line("HOODIE-GREY", 4));
    long before = onHand("HOODIE-GREY");
    RestockLinesRequest request = restock(id, line("HOODIE-GREY", 1));

    RestockLinesResponse first = stock.restockLines(request);
    RestockLinesResponse replay = stock.restockLines(request);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () -> stock.restockLines(request.toBuilder().setLines(0, line("HOODIE-GREY", 2)).build()));

    assertThat(replay).isEqualTo(first);
    assertThat(onHand("HOODIE-GREY")).isEqualTo(before + 1);
  }

  @Test
  void shouldRefuseToRestockAReservationThatWasNotSold() {
    String reserved = id();
    stock.reserveStock(reserve(reserved, line("STICKER-PACK", 2)));
    String released = id();
    stock.reserveStock(reserve(released, line("STICKER-PACK", 2)));
    stock.releaseReservation(
        ReleaseReservationRequest.newBuilder()
            .setIdempotencyKey(released + ":release")
            .setReservationId(released)
            .build());
    long before = onHand("STICKER-PACK");

    for (String id : List.of(reserved, released)) {
      failsWith(
          Status.Code.FAILED_PRECONDITION,
          "NOT_COMMITTED",
          () -> stock.restockLines(restock(id, line("STICKER-PACK", 1))));
    }
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_RESERVATION",
        () -> stock.restockLines(restock(id(), line("STICKER-PACK", 1))));

    assertThat(onHand("STICKER-PACK")).isEqualTo(before);
  }

  @Test
  void shouldRejectASkuTheReservationNeverHadAndMalformedLines() {
    String id = sold(line("MUG-BLUE", 1));
    long mugs = onHand("MUG-BLUE");

    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> stock.restockLines(restock(id, line("MUG-BLUE", 1), line("TSHIRT-M", 1))));
    failsWith(
        Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> stock.restockLines(restock(id)));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> stock.restockLines(restock(id, line("MUG-BLUE", 0))));

    assertThat(onHand("MUG-BLUE")).isEqualTo(mugs);
    assertThat(stock.getReservation(get(id)).getRestockedList()).isEmpty();
  }

  @Test
  void shouldNeverRestockMoreThanWasSoldUnderConcurrentRestocks() throws Exception {
    service.execute("INSERT INTO products VALUES ('RESTOCK-RACE', 'Restock race', 100, 500, 0)");
    String id = sold(line("RESTOCK-RACE", 60));
    AtomicLong accepted = new AtomicLong();
    Map<String, Integer> keys = new ConcurrentHashMap<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      tasks.add(
          () -> {
            for (int i = 0; i < 10; i++) {
              int quantity = ThreadLocalRandom.current().nextInt(1, 4);
              String key = id + ":restock:" + UUID.randomUUID();
              RestockLinesRequest request =
                  restock(id, line("RESTOCK-RACE", quantity)).toBuilder()
                      .setIdempotencyKey(key)
                      .build();
              // Each restock is sent twice: the copy must replay, never add units again.
              for (int copy = 0; copy < 2; copy++) {
                try {
                  stock.restockLines(request);
                  if (keys.putIfAbsent(key, quantity) == null) {
                    accepted.addAndGet(quantity);
                  }
                } catch (StatusRuntimeException e) {
                  assertThat(ServiceErrors.reasonOf(e)).contains("RESTOCK_EXCEEDED");
                }
              }
            }
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(accepted.get()).isBetween(1L, 60L);
    assertThat(stock.getReservation(get(id)).getRestockedList())
        .containsExactly(line("RESTOCK-RACE", (int) accepted.get()));
    assertThat(onHand("RESTOCK-RACE")).isEqualTo(500 - 60 + accepted.get());
    // What is left can still come back, exactly, and not a unit more.
    int left = (int) (60 - accepted.get());
    if (left > 0) {
      stock.restockLines(restock(id, line("RESTOCK-RACE", left)));
    }
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "RESTOCK_EXCEEDED",
        () -> stock.restockLines(restock(id, line("RESTOCK-RACE", 1))));
    assertThat(onHand("RESTOCK-RACE")).isEqualTo(500);
  }

  /** A committed reservation of {@code lines}. */
  private static String sold(StockLine... lines) {
    String id = id();
    stock.reserveStock(reserve(id, lines));
    stock.commitReservation(
        CommitReservationRequest.newBuilder()
            .setIdempotencyKey(id + ":commit")
            .setReservationId(id)
            .build());
    return id;
  }

  private static RestockLinesRequest restock(String reservationId, StockLine... lines) {
    return RestockLinesRequest.newBuilder()
        .setIdempotencyKey(reservationId + ":restock:" + UUID.randomUUID())
        .setReservationId(reservationId)
        .addAllLines(List.of(lines))
        .build();
  }

  private static long onHand(String sku) {
    return stock
        .listProducts(ListProductsRequest.newBuilder().addSkus(sku).build())
        .getProductsList()
        .stream()
        .mapToLong(Product::getOnHand)
        .sum();
  }

  private static GetReservationRequest get(String reservationId) {
    return GetReservationRequest.newBuilder().setReservationId(reservationId).build();
  }
}
