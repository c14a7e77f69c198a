package org.ordersystem.services.payment;

import io.grpc.Channel;
import io.grpc.ServerBuilder;
import javax.sql.DataSource;
import org.ordersystem.services.common.ServiceServer;

/** Serves the payment service, with fault control, health and reflection. */
public final class PaymentServer extends ServiceServer {

  /**
   * Builds a server on {@code builder}, for example an in-process one in tests.
   *
   * @param psp channel to the payment provider behind CARD legs; the caller owns and closes it
   */
  public PaymentServer(ServerBuilder<?> builder, DataSource dataSource, Channel psp) {
    super("payment", builder, new PaymentServiceImpl(dataSource, psp));
  }

  /** Builds a server on {@code port} of every interface, 0 for a free port. */
  public static PaymentServer onPort(int port, DataSource dataSource, Channel psp) {
    return new PaymentServer(ServiceServer.onPort(port), dataSource, psp);
  }
}
