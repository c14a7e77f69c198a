package org.ordersystem.services.payment;

import java.util.UUID;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;

/** Requests as the activities send them: keys derived from the payment, the step and the leg. */
final class PaymentRequests {

  private PaymentRequests() {}

  static String paymentId() {
    return "order-" + UUID.randomUUID();
  }

  static AuthorizeLegRequest authorize(String paymentId, String customerId, long amount) {
    return AuthorizeLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":authorize:1")
        .setPaymentId(paymentId)
        .setLegId("1")
        .setCustomerId(customerId)
        .setSource(
            FundingSource.newBuilder().setType(SourceType.SOURCE_TYPE_BALANCE).setAmount(amount))
        .build();
  }

  static CaptureLegRequest capture(String paymentId) {
    return CaptureLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":capture:1")
        .setPaymentId(paymentId)
        .setLegId("1")
        .build();
  }

  static VoidLegRequest voidLeg(String paymentId) {
    return VoidLegRequest.newBuilder()
        .setIdempotencyKey(paymentId + ":void:1")
        .setPaymentId(paymentId)
        .setLegId("1")
        .build();
  }

  static GetPaymentRequest get(String paymentId) {
    return GetPaymentRequest.newBuilder().setPaymentId(paymentId).build();
  }
}
