package org.ordersystem.services.shipping;

import io.grpc.ServerBuilder;
import javax.sql.DataSource;
import org.ordersystem.services.common.ServiceServer;

/** Serves the shipping service, with fault control, health and reflection. */
public final class ShippingServer extends ServiceServer {

  /** Builds a server on {@code builder}, for example an in-process one in tests. */
  public ShippingServer(ServerBuilder<?> builder, DataSource dataSource) {
    super("shipping", builder, new ShippingServiceImpl(dataSource));
  }

  /** Builds a server on {@code port} of every interface, 0 for a free port. */
  public static ShippingServer onPort(int port, DataSource dataSource) {
    return new ShippingServer(ServiceServer.onPort(port), dataSource);
  }
}
