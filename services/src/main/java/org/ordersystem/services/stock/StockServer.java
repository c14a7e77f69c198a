package org.ordersystem.services.stock;

import io.grpc.ServerBuilder;
import javax.sql.DataSource;
import org.ordersystem.services.common.ServiceServer;

/** Serves the stock service, with fault control, health and reflection. */
public final class StockServer extends ServiceServer {

  /** Builds a server on {@code builder}, for example an in-process one in tests. */
  public StockServer(ServerBuilder<?> builder, DataSource dataSource) {
    super("stock", builder, new StockServiceImpl(dataSource));
  }

  /** Builds a server on {@code port} of every interface, 0 for a free port. */
  public static StockServer onPort(int port, DataSource dataSource) {
    return new StockServer(ServiceServer.onPort(port), dataSource);
  }
}
