package org.ordersystem.services.payment;

import java.util.UUID;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;

/** Requests as the activities send them: keys derived from the payment, the step and the leg. */
final class PaymentRequests {

  private PaymentRequests() {}

  static String paymentId() {
    return "order-" + UUID.randomUUID();
  }

  /** A BALANCE leg "1". */
  static AuthorizeLegRequest authorize(String paymentId, String customerId, long amount) {
    return authorize(paymentId, "1", customerId, SourceType.SOURCE_TYPE_BALANCE, amount);
  }

  static AuthorizeLegRequest authorize(
      String paymentId, String legId, String customerId, SourceType type, long amount) {
    FundingSource.Builder source = FundingSource.newBuilder().setType(type).setAmount(amount);
    if (type == SourceType.SOURCE_TYPE_CARD) {
      source.setCardToken("tok_ok");
    }
    return AuthorizeLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":authorize:" + legId)
        .setPaymentId(paymentId)
        .setLegId(legId)
        .setCustomerId(customerId)
        .setSource(source)
        .build();
  }

  static AuthorizeLegRequest card(
      String paymentId, String legId, String customerId, String token, long amount) {
    AuthorizeLegRequest request =
        authorize(paymentId, legId, customerId, SourceType.SOURCE_TYPE_CARD, amount);
    return request.toBuilder()
        .setSource(request.getSource().toBuilder().setCardToken(token))
        .build();
  }

  static CaptureLegRequest capture(String paymentId) {
    return capture(paymentId, "1");
  }

  static CaptureLegRequest capture(String paymentId, String legId) {
    return CaptureLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":capture:" + legId)
        .setPaymentId(paymentId)
        .setLegId(legId)
        .build();
  }

  static VoidLegRequest voidLeg(String paymentId) {
    return voidLeg(paymentId, "1");
  }

  static VoidLegRequest voidLeg(String paymentId, String legId) {
    return VoidLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":void:" + legId)
        .setPaymentId(paymentId)
        .setLegId(legId)
        .build();
  }

  /** A refund of a leg, keyed by the payment, the refund and the leg. */
  static RefundLegRequest refund(String paymentId, String legId, String refundId, long amount) {
    return RefundLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":refund:" + refundId + ":" + legId)
        .setPaymentId(paymentId)
        .setLegId(legId)
        .setAmount(amount)
        .build();
  }

  /** Authorizes and captures leg "1" of a new payment, and returns the payment's id. */
  static String captured(
      PaymentServiceBlockingStub payment, String customerId, SourceType type, long amount) {
    String paymentId = paymentId();
    payment.authorizeLeg(authorize(paymentId, "1", customerId, type, amount));
    payment.captureLeg(capture(paymentId, "1"));
    return paymentId;
  }

  static GetPaymentRequest get(String paymentId) {
    return GetPaymentRequest.newBuilder().setPaymentId(paymentId).build();
  }
}
