package org.ordersystem.services.payment;

import io.grpc.stub.StreamObserver;
import javax.sql.DataSource;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.ListAccountsResponse;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.proto.payment.v1.VoidLegResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.IdempotentExecutor;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.Requests;
import org.ordersystem.services.common.UnaryCalls;

/**
 * The payment service's rpcs: validates requests, then runs mutations once per idempotency key in
 * one transaction with {@link PaymentStore}. Serves the BALANCE source only for now.
 */
final class PaymentServiceImpl extends PaymentServiceGrpc.PaymentServiceImplBase {

  private final DataSource dataSource;
  private final IdempotentExecutor idempotent;
  private final PaymentStore store = new PaymentStore();

  PaymentServiceImpl(DataSource dataSource) {
    this.dataSource = dataSource;
    this.idempotent = new IdempotentExecutor(dataSource);
  }

  @Override
  public void authorizeLeg(
      AuthorizeLegRequest request, StreamObserver<AuthorizeLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = legKey(request.getPaymentId(), request.getLegId());
          String customerId = Requests.requireId("customer_id", request.getCustomerId());
          long amount = validateSource(request);
          return idempotent.execute(
              key,
              request,
              AuthorizeLegResponse.parser(),
              c -> store.authorize(c, leg, customerId, amount));
        });
  }

  @Override
  public void captureLeg(CaptureLegRequest request, StreamObserver<CaptureLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = legKey(request.getPaymentId(), request.getLegId());
          return idempotent.execute(
              key, request, CaptureLegResponse.parser(), c -> store.capture(c, leg));
        });
  }

  @Override
  public void voidLeg(VoidLegRequest request, StreamObserver<VoidLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = legKey(request.getPaymentId(), request.getLegId());
          return idempotent.execute(
              key, request, VoidLegResponse.parser(), c -> store.voidLeg(c, leg));
        });
  }

  @Override
  public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String paymentId = Requests.requireId("payment_id", request.getPaymentId());
          return Jdbc.read(dataSource, c -> store.payment(c, paymentId));
        });
  }

  @Override
  public void listAccounts(
      ListAccountsRequest request, StreamObserver<ListAccountsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () ->
            ListAccountsResponse.newBuilder()
                .addAllAccounts(Jdbc.read(dataSource, store::accounts))
                .build());
  }

  private static LegKey legKey(String paymentId, String legId) {
    return new LegKey(
        Requests.requireId("payment_id", paymentId), Requests.requireId("leg_id", legId));
  }

  /** Returns the amount of a supported source, or refuses the request. */
  private static long validateSource(AuthorizeLegRequest request) {
    if (!request.hasSource()) {
      throw FailureReason.INVALID_REQUEST.exception("source is required");
    }
    FundingSource source = request.getSource();
    if (source.getType() == SourceType.SOURCE_TYPE_POINTS
        || source.getType() == SourceType.SOURCE_TYPE_CARD) {
      throw FailureReason.INVALID_REQUEST.exception(
          "source type "
              + source.getType().name().replace("SOURCE_TYPE_", "")
              + " not supported yet");
    }
    if (source.getType() != SourceType.SOURCE_TYPE_BALANCE) {
      throw FailureReason.INVALID_REQUEST.exception("source type is required");
    }
    if (source.getAmount() < 1) {
      throw FailureReason.INVALID_REQUEST.exception(
          "amount must be at least 1, got " + source.getAmount());
    }
    return source.getAmount();
  }

  /** Identifies one leg of one payment. */
  record LegKey(String paymentId, String legId) {
    @Override
    public String toString() {
      return paymentId + "/" + legId;
    }
  }
}
