package org.ordersystem.activities;

import io.grpc.StatusRuntimeException;
import org.ordersystem.proto.stock.v1.CommitReservationRequest;
import org.ordersystem.proto.stock.v1.ReleaseReservationRequest;
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.RestockLinesRequest;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.workflows.activities.StockActivities;
import org.ordersystem.workflows.model.RefundLine;

/** Calls the stock service; the reservation id is the order id. */
public final class StockActivitiesImpl implements StockActivities {

  private final ServiceClients clients;

  public StockActivitiesImpl(ServiceClients clients) {
    this.clients = clients;
  }

  @Override
  public void reserveStock(ReserveStockInput input) {
    ReserveStockRequest.Builder request =
        ReserveStockRequest.newBuilder()
            .setIdempotencyKey(input.idempotencyKey())
            .setReservationId(input.orderId());
    input
        .lines()
        .forEach(
            line ->
                request.addLines(
                    StockLine.newBuilder().setSku(line.sku()).setQuantity(line.quantity())));
    try {
      clients.stock().reserveStock(request.build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("ReserveStock", e);
    }
  }

  @Override
  public void releaseStock(ReservationRef ref) {
    try {
      clients
          .stock()
          .releaseReservation(
              ReleaseReservationRequest.newBuilder()
                  .setIdempotencyKey(ref.idempotencyKey())
                  .setReservationId(ref.orderId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("ReleaseReservation", e);
    }
  }

  @Override
  public void commitStock(ReservationRef ref) {
    try {
      clients
          .stock()
          .commitReservation(
              CommitReservationRequest.newBuilder()
                  .setIdempotencyKey(ref.idempotencyKey())
                  .setReservationId(ref.orderId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("CommitReservation", e);
    }
  }

  @Override
  public Restocked restockLines(RestockLinesInput input) {
    RestockLinesRequest.Builder request =
        RestockLinesRequest.newBuilder()
            .setIdempotencyKey(input.idempotencyKey())
            .setReservationId(input.orderId());
    input
        .lines()
        .forEach(
            line ->
                request.addLines(
                    StockLine.newBuilder().setSku(line.sku()).setQuantity(line.quantity())));
    try {
      RestockLinesResponse response = clients.stock().restockLines(request.build());
      return new Restocked(
          response.getRestockedList().stream()
              .map(line -> new RefundLine(line.getSku(), line.getQuantity()))
              .toList());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("RestockLines", e);
    }
  }
}
