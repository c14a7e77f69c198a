package org.ordersystem.activities;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
   * @param interceptors around every call, such as tracing's
   */
  public static ServiceClients connect(
      Targets targets, Duration deadline, ClientInterceptor... interceptors) {
    return new ServiceClients(
        plaintext(targets.stock(), interceptors),
        plaintext(targets.shipping(), interceptors),
        plaintext(targets.payment(), interceptors),
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

  private static ManagedChannel plaintext(String target, ClientInterceptor... interceptors) {
    return ManagedChannelBuilder.forTarget(target).usePlaintext().intercept(interceptors).build();
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
