package org.ordersystem.activities;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ordersystem.proto.stock.v1.RestockLinesRequest;
import org.ordersystem.proto.stock.v1.RestockLinesResponse;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;

/**
 * An in-process stock service that answers RestockLines with what a test sets, or a status, and
 * records the requests it received.
 */
final class FakeStockService extends StockServiceGrpc.StockServiceImplBase
    implements AutoCloseable {

  final List<RestockLinesRequest> requests = Collections.synchronizedList(new ArrayList<>());

  /** When set, every rpc fails with it. */
  volatile StatusRuntimeException failWith;

  /** What RestockLines answers. */
  volatile RestockLinesResponse restocked = RestockLinesResponse.getDefaultInstance();

  private final Server server;
  private final ManagedChannel channel;

  FakeStockService() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(this).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /** Clients whose stock channel leads here; the shipping and payment ones are never called. */
  ServiceClients clients(Duration deadline) {
    return ServiceClients.over(channel, channel, channel, deadline);
  }

  @Override
  public void restockLines(
      RestockLinesRequest request, StreamObserver<RestockLinesResponse> response) {
    requests.add(request);
    if (failWith != null) {
      response.onError(failWith);
      return;
    }
    response.onNext(restocked);
    response.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination();
  }
}
