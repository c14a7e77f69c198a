package org.ordersystem.services.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.id;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.line;
import static org.ordersystem.services.stock.StockServiceIntegrationTest.reserve;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.ReserveStockResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.proto.stock.v1.StockServiceGrpc.StockServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

class StockConcurrencyIntegrationTest {

  private static final int THREADS = 16;
  private static final int RESERVATIONS_PER_THREAD = 25;

  private static InProcessService<StockServer> service;
  private static StockServiceBlockingStub stock;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    service = InProcessService.start("stock", StockServer::new);
    stock = StockServiceGrpc.newBlockingStub(service.channel());
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    pool.shutdownNow();
    service.close();
  }

  @Test
  void shouldNeverOversellUnderConcurrentReservations() throws Exception {
    service.execute("INSERT INTO products VALUES ('RACE-A', 'Race A', 100, 300, 0)");
    service.execute("INSERT INTO products VALUES ('RACE-B', 'Race B', 100, 200, 0)");
    AtomicLong heldA = new AtomicLong();
    AtomicLong heldB = new AtomicLong();
    Set<String> failures = ConcurrentHashMap.newKeySet();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      tasks.add(
          () -> {
            for (int i = 0; i < RESERVATIONS_PER_THREAD; i++) {
              int a = ThreadLocalRandom.current().nextInt(1, 4);
              int b = ThreadLocalRandom.current().nextInt(1, 3);
              // Lines in either order: the service must lock rows in one order regardless.
              StockLine[] lines =
                  ThreadLocalRandom.current().nextBoolean()
                      ? new StockLine[] {line("RACE-A", a), line("RACE-B", b)}
                      : new StockLine[] {line("RACE-B", b), line("RACE-A", a)};
              try {
                stock.reserveStock(reserve(id(), lines));
                heldA.addAndGet(a);
                heldB.addAndGet(b);
              } catch (StatusRuntimeException e) {
                failures.add(e.getStatus().getCode() + " " + reasonOf(e));
              }
            }
            return null;
          });
    }

    for (Future<Void> done : pool.invokeAll(tasks)) {
      done.get();
    }

    // Demand (about 800 A and 600 B on average) far exceeds stock, so both must run dry.
    assertThat(failures).containsExactly("FAILED_PRECONDITION OUT_OF_STOCK");
    assertThat(heldA.get()).isLessThanOrEqualTo(300);
    assertThat(heldB.get()).isLessThanOrEqualTo(200);
    assertThat(reserved("RACE-A")).isEqualTo(heldA.get());
    assertThat(reserved("RACE-B")).isEqualTo(heldB.get());
    assertThat(linesTotal("RACE-A")).isEqualTo(heldA.get());
    assertThat(linesTotal("RACE-B")).isEqualTo(heldB.get());
    assertThat(300 - heldA.get() < 3 || 200 - heldB.get() < 2)
        .as("one sku ran dry: A left %d, B left %d", 300 - heldA.get(), 200 - heldB.get())
        .isTrue();
  }

  @Test
  void shouldApplyConcurrentCallsWithTheSameKeyOnce() throws Exception {
    service.execute("INSERT INTO products VALUES ('RACE-C', 'Race C', 100, 1000, 0)");
    ReserveStockRequest request = reserve(id(), line("RACE-C", 10));
    List<Callable<ReserveStockResponse>> calls = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      calls.add(() -> stock.reserveStock(request));
    }

    List<ReserveStockResponse> responses = new ArrayList<>();
    for (Future<ReserveStockResponse> response : pool.invokeAll(calls)) {
      responses.add(response.get());
    }

    assertThat(responses).hasSize(THREADS).containsOnly(responses.get(0));
    assertThat(reserved("RACE-C")).isEqualTo(10);
  }

  private static long reserved(String sku) {
    return service.queryLong("SELECT reserved FROM products WHERE sku = ?", sku);
  }

  private static long linesTotal(String sku) {
    return service.queryLong(
        "SELECT COALESCE(SUM(l.quantity), 0) FROM reservation_lines l"
            + " JOIN reservations r ON r.reservation_id = l.reservation_id"
            + " WHERE l.sku = ? AND r.state = 'RESERVED'",
        sku);
  }

  private static String reasonOf(StatusRuntimeException e) {
    return ServiceErrors.reasonOf(e).orElse(String.valueOf(e.getStatus().getDescription()));
  }
}
