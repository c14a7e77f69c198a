package org.ordersystem.services.psp;

import io.grpc.ServerBuilder;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.ordersystem.services.common.FaultSettings;
import org.ordersystem.services.common.ServiceServer;

/**
 * Serves the simulated payment provider, with fault control (as {@code psp}), health and
 * reflection, and its event feed, which the rpc faults leave alone and the delivery faults shape.
 */
public final class PspServer extends ServiceServer {

  /**
   * Builds a server on {@code builder}, for example an in-process one in tests.
   *
   * @param clock decides when authorizations expire; tests pass one they can move
   * @param authorizationTtl how long an uncaptured authorization holds its funds
   */
  public PspServer(
      ServerBuilder<?> builder, DataSource dataSource, Clock clock, Duration authorizationTtl) {
    this(builder, dataSource, clock, authorizationTtl, new FaultSettings());
  }

  private PspServer(
      ServerBuilder<?> builder,
      DataSource dataSource,
      Clock clock,
      Duration authorizationTtl,
      FaultSettings faults) {
    super(
        "psp",
        builder,
        new PspServiceImpl(dataSource, clock, authorizationTtl),
        faults,
        new PspEventFeedImpl(dataSource, clock, faults));
  }

  /** Builds a server on {@code port} of every interface, 0 for a free port. */
  public static PspServer onPort(
      int port, DataSource dataSource, Clock clock, Duration authorizationTtl) {
    return new PspServer(ServiceServer.onPort(port), dataSource, clock, authorizationTtl);
  }
}
