package org.ordersystem.services.common;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server for one reference service: the service behind fault injection, its fault control,
 * health and reflection. Takes a {@link ServerBuilder} so tests can hand in an in-process one.
 */
public class ServiceServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceServer.class);

  private final String name;
  private final String serviceName;
  private final FaultSettings faults;
  private final HealthStatusManager health = new HealthStatusManager();
  private final Server server;

  protected ServiceServer(String name, ServerBuilder<?> builder, BindableService service) {
    this(name, builder, service, new FaultSettings());
  }

  /**
   * Also serves {@code unfaulted} services beside the main one, outside fault injection; they may
   * read {@code faults} for faults of their own.
   */
  protected ServiceServer(
      String name,
      ServerBuilder<?> builder,
      BindableService service,
      FaultSettings faults,
      BindableService... unfaulted) {
    this.name = name;
    this.faults = faults;
    this.serviceName = service.bindService().getServiceDescriptor().getName();
    builder
        .addService(ServerInterceptors.intercept(service, new FaultInjectionInterceptor(faults)))
        .addService(new FaultControlServiceImpl(name, faults))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance());
    for (BindableService extra : unfaulted) {
      builder.addService(extra);
    }
    this.server = builder.build();
  }

  /** A builder listening on {@code port} of every interface, 0 for a free port. */
  protected static ServerBuilder<?> onPort(int port) {
    return Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
  }

  /** Starts serving and reports SERVING to health checks. */
  public void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " server did not start", e);
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(serviceName, ServingStatus.SERVING);
    log.info("{} service listening on port {}", name, server.getPort());
  }

  /** The port listened on, or -1 for an in-process server. */
  public int port() {
    return server.getPort();
  }

  /** The faults this server injects; the FaultControl rpc changes the same settings. */
  public FaultSettings faults() {
    return faults;
  }

  /** Waits until the server stops, for a process that only serves. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Reports NOT_SERVING, lets running calls finish for a few seconds, then stops. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("{} service stopped", name);
  }
}
