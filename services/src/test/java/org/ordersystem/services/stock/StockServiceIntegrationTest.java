package org.ordersystem.services.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordersystem.proto.stock.v1.CommitReservationRequest;
import org.ordersystem.proto.stock.v1.GetReservationRequest;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.Product;
import org.ordersystem.proto.stock.v1.ReleaseReservationRequest;
import org.ordersystem.proto.stock.v1.ReservationState;
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.ReserveStockResponse;
import org.ordersystem.proto.stock.v1.ReservedLine;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.proto.stock.v1.StockServiceGrpc.StockServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

class StockServiceIntegrationTest {

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
  void shouldReserveAllLinesWithDuplicateSkusMerged() {
    long tshirts = available("TSHIRT-M");
    long mugs = available("MUG-BLUE");

    ReserveStockResponse response =
        stock.reserveStock(
            reserve(id(), line("TSHIRT-M", 2), line("MUG-BLUE", 1), line("TSHIRT-M", 3)));

    assertThat(response.getState()).isEqualTo(ReservationState.RESERVATION_STATE_RESERVED);
    assertThat(response.getLinesList())
        .containsExactly(reserved("MUG-BLUE", 1, 1200), reserved("TSHIRT-M", 5, 2500));
    assertThat(available("TSHIRT-M")).isEqualTo(tshirts - 5);
    assertThat(available("MUG-BLUE")).isEqualTo(mugs - 1);
  }

  @Test
  void shouldReplayTheFirstResultForTheSameKey() {
    long before = available("TOTE-CANVAS");
    ReserveStockRequest request = reserve(id(), line("TOTE-CANVAS", 4));

    ReserveStockResponse first = stock.reserveStock(request);
    ReserveStockResponse replay = stock.reserveStock(request);

    assertThat(replay).isEqualTo(first);
    assertThat(available("TOTE-CANVAS")).isEqualTo(before - 4);
  }

  @Test
  void shouldRefuseAReplayWithOtherParameters() {
    ReserveStockRequest request = reserve(id(), line("TSHIRT-L", 1));
    stock.reserveStock(request);
    long after = available("TSHIRT-L");

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "IDEMPOTENCY_CONFLICT",
            () -> stock.reserveStock(request.toBuilder().setLines(0, line("TSHIRT-L", 2)).build()));

    assertThat(status.getDescription()).contains(request.getIdempotencyKey());
    assertThat(available("TSHIRT-L")).isEqualTo(after);
  }

  @Test
  void shouldLeaveStockUntouchedWhenOutOfStockAndReplayTheFailure() {
    long tshirts = available("TSHIRT-M");
    ReserveStockRequest request = reserve(id(), line("TSHIRT-M", 1), line("LIMITED-VINYL", 6));

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION, "OUT_OF_STOCK", () -> stock.reserveStock(request));

    assertThat(status.getDescription()).isEqualTo("sku LIMITED-VINYL has 5 available, 6 requested");
    assertThat(available("TSHIRT-M")).isEqualTo(tshirts);
    assertThat(available("LIMITED-VINYL")).isEqualTo(5);
    failsWith(Status.Code.NOT_FOUND, () -> stock.getReservation(get(request.getReservationId())));
    // Answered from the record: the same code, reason and message.
    Status replayed =
        failsWith(
            Status.Code.FAILED_PRECONDITION, "OUT_OF_STOCK", () -> stock.reserveStock(request));
    assertThat(replayed.getDescription()).isEqualTo(status.getDescription());
  }

  @Test
  void shouldReportAnUnknownSkuAsNotFound() {
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_SKU",
        () -> stock.reserveStock(reserve(id(), line("NO-SUCH-SKU", 1))));
  }

  static Stream<ReserveStockRequest> malformedRequests() {
    ReserveStockRequest valid = reserve("r-malformed", line("MUG-BLUE", 1));
    return Stream.of(
        valid.toBuilder().clearLines().build(),
        valid.toBuilder().setLines(0, line("MUG-BLUE", 0)).build(),
        valid.toBuilder().setLines(0, line("MUG-BLUE", -2)).build(),
        valid.toBuilder().setLines(0, line("", 1)).build(),
        valid.toBuilder().setIdempotencyKey("").build(),
        valid.toBuilder().setReservationId(" ").build(),
        valid.toBuilder().setReservationId("x".repeat(129)).build());
  }

  @ParameterizedTest
  @MethodSource("malformedRequests")
  void shouldRejectMalformedRequestsWithoutWritingAnything(ReserveStockRequest request) {
    long mugs = available("MUG-BLUE");

    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> stock.reserveStock(request));

    assertThat(available("MUG-BLUE")).isEqualTo(mugs);
    assertThat(
            service.queryLong(
                "SELECT COUNT(*) FROM idempotency_keys WHERE idempotency_key = ?",
                request.getIdempotencyKey()))
        .isZero();
  }

  @Test
  void shouldRefuseAReservationThatArrivesAfterItsRelease() {
    String id = id();
    long vinyl = available("LIMITED-VINYL");

    assertThat(stock.releaseReservation(release(id)).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> stock.reserveStock(reserve(id, line("LIMITED-VINYL", 1))));

    assertThat(available("LIMITED-VINYL")).isEqualTo(vinyl);
    assertThat(stock.getReservation(get(id)).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
  }

  @Test
  void shouldReturnUnitsOnReleaseAndReleaseTwiceHarmlessly() {
    long before = available("STICKER-PACK");
    String id = id();
    stock.reserveStock(reserve(id, line("STICKER-PACK", 7)));

    stock.releaseReservation(release(id));
    stock.releaseReservation(release(id));

    assertThat(available("STICKER-PACK")).isEqualTo(before);
    assertThat(stock.getReservation(get(id)).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
  }

  @Test
  void shouldCommitOnceWhenCommittedTwice() {
    Product before = product("HOODIE-GREY");
    String id = id();
    stock.reserveStock(reserve(id, line("HOODIE-GREY", 3)));

    stock.commitReservation(commit(id));
    assertThat(stock.commitReservation(commit(id)).getState())
        .isEqualTo(ReservationState.RESERVATION_STATE_COMMITTED);

    Product after = product("HOODIE-GREY");
    assertThat(after.getOnHand()).isEqualTo(before.getOnHand() - 3);
    assertThat(after.getAvailable()).isEqualTo(before.getAvailable() - 3);
    assertThat(service.queryLong("SELECT reserved FROM products WHERE sku = 'HOODIE-GREY'"))
        .isEqualTo(before.getOnHand() - before.getAvailable());
  }

  @Test
  void shouldRefuseToCommitAReleasedReservationOrReleaseACommittedOne() {
    String released = id();
    stock.reserveStock(reserve(released, line("MUG-BLUE", 1)));
    stock.releaseReservation(release(released));
    String committed = id();
    stock.reserveStock(reserve(committed, line("MUG-BLUE", 1)));
    stock.commitReservation(commit(committed));

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> stock.commitReservation(commit(released)));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_COMMITTED",
        () -> stock.releaseReservation(release(committed)));
    failsWith(
        Status.Code.NOT_FOUND, "UNKNOWN_RESERVATION", () -> stock.commitReservation(commit(id())));
  }

  @Test
  void shouldListTheSeededCatalogWithAvailableUnits() {
    assertThat(stock.listProducts(ListProductsRequest.getDefaultInstance()).getProductsList())
        .extracting(Product::getSku)
        .contains("TSHIRT-M", "MUG-BLUE", "TOTE-CANVAS", "STICKER-PACK", "HOODIE-GREY")
        .isSorted();
    Product vinyl = product("LIMITED-VINYL");
    assertThat(vinyl.getUnitPrice()).isEqualTo(4500);
    assertThat(vinyl.getOnHand()).isEqualTo(5);
  }

  private static Product product(String sku) {
    return stock.listProducts(ListProductsRequest.newBuilder().addSkus(sku).build()).getProducts(0);
  }

  private static long available(String sku) {
    return product(sku).getAvailable();
  }

  static String id() {
    return "order-" + UUID.randomUUID();
  }

  static StockLine line(String sku, int quantity) {
    return StockLine.newBuilder().setSku(sku).setQuantity(quantity).build();
  }

  static ReserveStockRequest reserve(String reservationId, StockLine... lines) {
    return ReserveStockRequest.newBuilder()
        .setIdempotencyKey(reservationId + ":reserve")
        .setReservationId(reservationId)
        .addAllLines(List.of(lines))
        .build();
  }

  private static ReservedLine reserved(String sku, int quantity, long unitPrice) {
    return ReservedLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(unitPrice)
        .build();
  }

  private static ReleaseReservationRequest release(String reservationId) {
    return ReleaseReservationRequest.newBuilder()
        .setIdempotencyKey(reservationId + ":release:" + UUID.randomUUID())
        .setReservationId(reservationId)
        .build();
  }

  private static CommitReservationRequest commit(String reservationId) {
    return CommitReservationRequest.newBuilder()
        .setIdempotencyKey(reservationId + ":commit:" + UUID.randomUUID())
        .setReservationId(reservationId)
        .build();
  }

  private static GetReservationRequest get(String reservationId) {
    return GetReservationRequest.newBuilder().setReservationId(reservationId).build();
  }
}
