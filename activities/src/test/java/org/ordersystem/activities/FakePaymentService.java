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
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.RefundLegResponse;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.proto.payment.v1.VoidLegResponse;

/**
 * An in-process payment service that answers what a test sets: a canned response, a status, or
 * silence past the client's deadline. It records the requests it received.
 */
final class FakePaymentService extends PaymentServiceGrpc.PaymentServiceImplBase
    implements AutoCloseable {

  /** The psp authorization id the fake hands out for CARD legs. */
  static final String PSP_AUTHORIZATION_ID = "psp-auth-42";

  final List<Object> requests = Collections.synchronizedList(new ArrayList<>());

  /** When set, every rpc fails with it. */
  volatile StatusRuntimeException failWith;

  /** When set, every rpc waits this long before answering. */
  volatile Duration delay = Duration.ZERO;

  /** What GetPayment answers. */
  volatile GetPaymentResponse payment = GetPaymentResponse.getDefaultInstance();

  private final Server server;
  private final ManagedChannel channel;

  FakePaymentService() throws IOException {
    String name = InProcessServerBuilder.generateName();
    // Default executors, not direct ones: a delayed answer must not block the caller's thread
    // past its deadline.
    server = InProcessServerBuilder.forName(name).addService(this).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /** Clients whose payment channel leads here; the stock and shipping ones are never called. */
  ServiceClients clients(Duration deadline) {
    return ServiceClients.over(channel, channel, channel, deadline);
  }

  @Override
  public void authorizeLeg(
      AuthorizeLegRequest request, StreamObserver<AuthorizeLegResponse> response) {
    answer(
        request,
        response,
        AuthorizeLegResponse.newBuilder()
            .setPaymentId(request.getPaymentId())
            .setLegId(request.getLegId())
            .setState(LegState.LEG_STATE_AUTHORIZED)
            .setAmount(request.getSource().getAmount())
            .setPspAuthorizationId(
                request.getSource().getCardToken().isEmpty() ? "" : PSP_AUTHORIZATION_ID)
            .build());
  }

  @Override
  public void captureLeg(CaptureLegRequest request, StreamObserver<CaptureLegResponse> response) {
    answer(
        request,
        response,
        CaptureLegResponse.newBuilder()
            .setPaymentId(request.getPaymentId())
            .setLegId(request.getLegId())
            .setState(LegState.LEG_STATE_CAPTURED)
            .build());
  }

  @Override
  public void voidLeg(VoidLegRequest request, StreamObserver<VoidLegResponse> response) {
    answer(
        request,
        response,
        VoidLegResponse.newBuilder()
            .setPaymentId(request.getPaymentId())
            .setLegId(request.getLegId())
            .setState(LegState.LEG_STATE_VOIDED)
            .build());
  }

  /** Answers as if the leg had refunded exactly this request's amount so far. */
  @Override
  public void refundLeg(RefundLegRequest request, StreamObserver<RefundLegResponse> response) {
    answer(
        request,
        response,
        RefundLegResponse.newBuilder()
            .setPaymentId(request.getPaymentId())
            .setLegId(request.getLegId())
            .setRefundedAmount(request.getAmount())
            .build());
  }

  @Override
  public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> response) {
    answer(request, response, payment);
  }

  private <T> void answer(Object request, StreamObserver<T> response, T value) {
    requests.add(request);
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failWith != null) {
      response.onError(failWith);
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination();
  }
}
