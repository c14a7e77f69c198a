package org.ordersystem.api.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.metrics.DownstreamCallMetrics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The gRPC channels to the reference services and the PSP. Channels connect lazily and reconnect by
 * themselves, so the API starts before the services do; they are closed when the context stops.
 */
@Component
public class ServiceChannels implements AutoCloseable {

  private final ManagedChannel stock;
  private final ManagedChannel shipping;
  private final ManagedChannel payment;
  private final ManagedChannel psp;
  private final Duration deadline;

  /** Without metrics or tracing: the meters go to a registry with nothing behind it. */
  public ServiceChannels(ServicesProperties properties) {
    this(properties, new CompositeMeterRegistry(), List.of());
  }

  /**
   * Every call is timed and its failures counted per downstream ({@link DownstreamCallMetrics}).
   *
   * @param interceptors around every call, outside the metrics: the API's client spans, which carry
   *     the trace to the services
   */
  @Autowired
  public ServiceChannels(
      ServicesProperties properties, MeterRegistry metrics, List<ClientInterceptor> interceptors) {
    ClientInterceptor[] around = interceptors.toArray(ClientInterceptor[]::new);
    this.stock = plaintext(properties.stock().target(), metrics, "stock", around);
    this.shipping = plaintext(properties.shipping().target(), metrics, "shipping", around);
    this.payment = plaintext(properties.payment().target(), metrics, "payment", around);
    this.psp = plaintext(properties.psp().target(), metrics, "psp", around);
    this.deadline = properties.deadline();
  }

  public ManagedChannel stock() {
    return stock;
  }

  public ManagedChannel shipping() {
    return shipping;
  }

  public ManagedChannel payment() {
    return payment;
  }

  /** The simulated payment provider; the API only uses its fault control. */
  public ManagedChannel psp() {
    return psp;
  }

  /** The deadline each call gets; set per call, since a stub's deadline is absolute. */
  public Duration deadline() {
    return deadline;
  }

  @Override
  public void close() throws InterruptedException {
    List<ManagedChannel> all = List.of(stock, shipping, payment, psp);
    all.forEach(ManagedChannel::shutdown);
    for (ManagedChannel channel : all) {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    }
  }

  // Plaintext: the services run on the same host or a private network (see the README).
  private static ManagedChannel plaintext(
      String target, MeterRegistry metrics, String downstream, ClientInterceptor... outer) {
    // The interceptor added last runs first: the outer ones see the call before the metrics do.
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(DownstreamCallMetrics.of(metrics, downstream))
        .intercept(outer)
        .build();
  }
}
