package org.ordersystem.services.stock;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.ordersystem.proto.stock.v1.CommitReservationRequest;
import org.ordersystem.proto.stock.v1.CommitReservationResponse;
import org.ordersystem.proto.stock.v1.GetReservationRequest;
import org.ordersystem.proto.stock.v1.GetReservationResponse;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.ListProductsResponse;
import org.ordersystem.proto.stock.v1.ReleaseReservationRequest;
import org.ordersystem.proto.stock.v1.ReleaseReservationResponse;
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.ReserveStockResponse;
import org.ordersystem.proto.stock.v1.RestockLinesRequest;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.IdempotentExecutor;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.Requests;
import org.ordersystem.services.common.UnaryCalls;

/**
 * The stock service's rpcs: validates requests, then runs mutations once per idempotency key in one
 * transaction with {@link StockStore}.
 */
final class StockServiceImpl extends StockServiceGrpc.StockServiceImplBase {

  /** Most distinct skus in one reservation. */
  static final int MAX_LINES = 100;

  private final DataSource dataSource;
  private final IdempotentExecutor idempotent;
  private final StockStore store = new StockStore();

  StockServiceImpl(DataSource dataSource) {
    this.dataSource = dataSource;
    this.idempotent = new IdempotentExecutor(dataSource);
  }

  @Override
  public void listProducts(
      ListProductsRequest request, StreamObserver<ListProductsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () ->
            ListProductsResponse.newBuilder()
                .addAllProducts(
                    Jdbc.read(dataSource, c -> store.products(c, request.getSkusList())))
                .build());
  }

  @Override
  public void reserveStock(
      ReserveStockRequest request, StreamObserver<ReserveStockResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("reservation_id", request.getReservationId());
          List<LineRequest> lines = merge(request.getLinesList());
          return idempotent.execute(
              key, request, ReserveStockResponse.parser(), c -> store.reserve(c, id, lines));
        });
  }

  @Override
  public void releaseReservation(
      ReleaseReservationRequest request, StreamObserver<ReleaseReservationResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("reservation_id", request.getReservationId());
          return idempotent.execute(
              key, request, ReleaseReservationResponse.parser(), c -> store.release(c, id));
        });
  }

  @Override
  public void commitReservation(
      CommitReservationRequest request, StreamObserver<CommitReservationResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("reservation_id", request.getReservationId());
          return idempotent.execute(
              key, request, CommitReservationResponse.parser(), c -> store.commit(c, id));
        });
  }

  @Override
  public void getReservation(
      GetReservationRequest request, StreamObserver<GetReservationResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String id = Requests.requireId("reservation_id", request.getReservationId());
          return Jdbc.read(dataSource, c -> store.get(c, id));
        });
  }

  @Override
  public void restockLines(
      RestockLinesRequest request, StreamObserver<RestockLinesResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("reservation_id", request.getReservationId());
          List<LineRequest> lines = merge(request.getLinesList());
          return idempotent.execute(
              key, request, RestockLinesResponse.parser(), c -> RestockStore.restock(c, id, lines));
        });
  }

  /**
   * Validates the lines and merges repeated skus, sorted by sku: the order in which rows are
   * locked, the same in every transaction, so reservations never deadlock one another.
   */
  static List<LineRequest> merge(List<StockLine> lines) {
    if (lines.isEmpty()) {
      throw FailureReason.INVALID_REQUEST.exception("lines must not be empty");
    }
    Map<String, Long> quantities = new TreeMap<>();
    for (StockLine line : lines) {
      Requests.requireId("sku", line.getSku());
      if (line.getQuantity() < 1) {
        throw FailureReason.INVALID_REQUEST.exception(
            "quantity of sku " + line.getSku() + " must be at least 1, got " + line.getQuantity());
      }
      quantities.merge(line.getSku(), (long) line.getQuantity(), Long::sum);
    }
    if (quantities.size() > MAX_LINES) {
      throw FailureReason.INVALID_REQUEST.exception(
          "at most " + MAX_LINES + " skus per reservation");
    }
    List<LineRequest> merged = new ArrayList<>();
    quantities.forEach(
        (sku, quantity) -> {
          if (quantity > Integer.MAX_VALUE) {
            throw FailureReason.INVALID_REQUEST.exception(
                "quantity of sku " + sku + " is too large");
          }
          merged.add(new LineRequest(sku, quantity.intValue()));
        });
    return merged;
  }

  /** One sku to reserve, after merging. */
  record LineRequest(String sku, int quantity) {}
}
