package org.ordersystem.services.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.faults.v1.GetFaultsRequest;
import org.ordersystem.proto.faults.v1.SetFaultsRequest;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.ReservationState;
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.ReserveStockResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.proto.stock.v1.StockServiceGrpc.StockServiceBlockingStub;
import org.ordersystem.services.stock.StockServer;
import org.ordersystem.services.support.InProcessService;

/** Each fault mode, switched through the FaultControl rpc, on the stock service. */
class FaultInjectionIntegrationTest {

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

  @AfterEach
  void clearFaults() {
    setFaults(Faults.getDefaultInstance());
  }

  @Test
  void shouldFailEveryCallAtErrorRateOneButKeepControlAndHealthServing() {
    setFaults(Faults.newBuilder().setErrorRate(1.0).build());
    ReserveStockRequest request = reserve(2);

    Status status = failsWith(Status.Code.UNAVAILABLE, () -> stock.reserveStock(request));

    assertThat(status.getDescription()).isEqualTo("injected fault");
    assertThat(
            service
                .faultControl()
                .getFaults(GetFaultsRequest.getDefaultInstance())
                .getFaults()
                .getErrorRate())
        .isEqualTo(1.0);
    assertThat(
            HealthGrpc.newBlockingStub(service.channel())
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService(StockServiceGrpc.SERVICE_NAME)
                        .build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(reservationRows(request)).isZero();
  }

  @Test
  void shouldFailSomeCallsAtErrorRateOneHalf() {
    setFaults(Faults.newBuilder().setErrorRate(0.5).build());
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      try {
        stock.listProducts(ListProductsRequest.newBuilder().addSkus("MUG-BLUE").build());
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        failed++;
      }
    }
    assertThat(failed).isBetween(40, 160);
  }

  @Test
  void shouldRefuseEveryCallDuringAnOutageAndWriteNothing() {
    setFaults(Faults.newBuilder().setOutage(true).build());
    ReserveStockRequest request = reserve(1);

    failsWith(Status.Code.UNAVAILABLE, () -> stock.reserveStock(request));

    assertThat(reservationRows(request)).isZero();
    clearFaults();
    assertThat(stock.reserveStock(request).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
  }

  @Test
  void shouldDelayCallsByTheInjectedLatency() {
    setFaults(Faults.newBuilder().setLatencyMs(400).build());

    long started = System.nanoTime();
    stock.listProducts(ListProductsRequest.getDefaultInstance());

    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);
  }

  @Test
  void shouldCommitThenAnswerDeadlineExceededAndReplayTheCommittedResultOnRetry() {
    setFaults(Faults.newBuilder().setCommitThenTimeout(true).build());
    ReserveStockRequest request = reserve(3);
    long reservedBefore = reservedMugs();

    failsWith(Status.Code.DEADLINE_EXCEEDED, () -> stock.reserveStock(request));

    assertThat(reservationRows(request)).isEqualTo(1);
    assertThat(reservedMugs()).isEqualTo(reservedBefore + 3);
    clearFaults();
    ReserveStockResponse retried = stock.reserveStock(request);
    assertThat(retried.getState()).isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
    assertThat(retried.getLines(0).getQuantity()).isEqualTo(3);
    assertThat(reservedMugs()).isEqualTo(reservedBefore + 3);
  }

  @Test
  void shouldRefuseFaultsOutOfRangeAndKeepTheOldOnes() {
    setFaults(Faults.newBuilder().setLatencyMs(5).build());

    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> setFaults(Faults.newBuilder().setErrorRate(1.5).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> setFaults(Faults.newBuilder().setErrorRate(-0.1).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> setFaults(Faults.newBuilder().setErrorRate(Double.NaN).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> setFaults(Faults.newBuilder().setLatencyMs(60_001).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> setFaults(Faults.newBuilder().setLatencyMs(-1).build()));

    assertThat(service.faultControl().getFaults(GetFaultsRequest.getDefaultInstance()).getFaults())
        .isEqualTo(Faults.newBuilder().setLatencyMs(5).build());
  }

  private static Faults setFaults(Faults faults) {
    return service
        .faultControl()
        .setFaults(SetFaultsRequest.newBuilder().setFaults(faults).build())
        .getFaults();
  }

  private static ReserveStockRequest reserve(int quantity) {
    String id = "order-" + UUID.randomUUID();
    return ReserveStockRequest.newBuilder()
        .setIdempotencyKey(id + ":reserve")
        .setReservationId(id)
        .addLines(StockLine.newBuilder().setSku("MUG-BLUE").setQuantity(quantity))
        .build();
  }

  private static long reservationRows(ReserveStockRequest request) {
    return service.queryLong(
        "SELECT COUNT(*) FROM reservations WHERE reservation_id = ?", request.getReservationId());
  }

  private static long reservedMugs() {
    return service.queryLong("SELECT reserved FROM products WHERE sku = 'MUG-BLUE'");
  }
}
