package org.ordersystem.activities;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.metrics.DownstreamCallMetrics;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;

/**
 * Channels to the stock, shipping and payment services. One channel per service is shared by every
 * activity thread; gRPC multiplexes calls over it.
 */
public final class ServiceClients implements AutoCloseable {

  /** Where the services listen, as gRPC targets ({@code host:port}). */
  public record Targets(String stock, String shipping, String payment) {}

  private final ManagedChannel stock;
  private final ManagedChannel shipping;
  private final ManagedChannel payment;
  private final Duration deadline;

  private ServiceClients(
      ManagedChannel stock, ManagedChannel shipping, ManagedChannel payment, Duration deadline) {
    this.stock = stock;
    this.shipping = shipping;
    this.payment = payment;
    this.deadline = deadline;
  }

  /**
   * Opens the channels.
   *
   * @param deadline per call; shorter than the activities' start-to-close timeout so a hung call
   *     fails inside the attempt and is retried rather than timing the attempt out
   */
  public static ServiceClients connect(Targets targets, Duration deadline) {
    // A composite with no registry in it: the meters go nowhere.
    return connect(targets, deadline, new CompositeMeterRegistry());
  }

  /**
   * As {@link #connect(Targets, Duration)}, with every call timed and its failures counted by gRPC
   * code in {@code metrics} ({@link DownstreamCallMetrics}, downstreams stock, shipping, payment),
   * and wrapped by {@code interceptors}, such as tracing's (outside the metrics).
   */
  public static ServiceClients connect(
      Targets targets,
      Duration deadline,
      MeterRegistry metrics,
      ClientInterceptor... interceptors) {
    return new ServiceClients(
        plaintext(targets.stock(), DownstreamCallMetrics.of(metrics, "stock"), interceptors),
        plaintext(targets.shipping(), DownstreamCallMetrics.of(metrics, "shipping"), interceptors),
        plaintext(targets.payment(), DownstreamCallMetrics.of(metrics, "payment"), interceptors),
        deadline);
  }

  /** Over channels opened elsewhere, such as in-process ones in tests; closing shuts them down. */
  static ServiceClients over(
      ManagedChannel stock, ManagedChannel shipping, ManagedChannel payment, Duration deadline) {
    return new ServiceClients(stock, shipping, payment, deadline);
  }

  public StockServiceGrpc.StockServiceBlockingStub stock() {
    return StockServiceGrpc.newBlockingStub(stock)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ShippingServiceGrpc.ShippingServiceBlockingStub shipping() {
    return ShippingServiceGrpc.newBlockingStub(shipping)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  public PaymentServiceGrpc.PaymentServiceBlockingStub payment() {
    return PaymentServiceGrpc.newBlockingStub(payment)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ManagedChannel plaintext(
      String target, ClientInterceptor metrics, ClientInterceptor... outer) {
    // The interceptor added last runs first: the outer ones see the call before the metrics do.
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(metrics)
        .intercept(outer)
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel channel : List.of(stock, shipping, payment)) {
      channel.shutdown();
    }
    for (ManagedChannel channel : List.of(stock, shipping, payment)) {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
