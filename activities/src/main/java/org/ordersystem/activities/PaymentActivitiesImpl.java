package org.ordersystem.activities;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.RefundLegResponse;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.PaymentSource;

/**
 * Calls the payment service's leg primitives; the payment id is the order id. The service answers
 * business refusals as FAILED_PRECONDITION or NOT_FOUND with a reason in the status's ErrorInfo
 * (PAYMENT_DECLINED, AUTHORIZATION_EXPIRED, REFUND_EXCEEDED, ...), which {@link GrpcFailures} turns
 * into the workflow's failure types.
 */
public final class PaymentActivitiesImpl implements PaymentActivities {

  private static final LegStatus NOT_AT_SERVICE = new LegStatus(LegState.NEW, null);

  private final ServiceClients clients;

  public PaymentActivitiesImpl(ServiceClients clients) {
    this.clients = clients;
  }

  @Override
  public LegStatus authorizeLeg(AuthorizeLegInput input) {
    try {
      AuthorizeLegResponse response =
          clients
              .payment()
              .authorizeLeg(
                  AuthorizeLegRequest.newBuilder()
                      .setIdempotencyKey(input.idempotencyKey())
                      .setPaymentId(input.orderId())
                      .setLegId(input.legId())
                      .setCustomerId(input.customerId())
                      .setSource(toProto(input.source()))
                      .build());
      return new LegStatus(LegState.AUTHORIZED, emptyToNull(response.getPspAuthorizationId()));
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("AuthorizeLeg", e);
    }
  }

  @Override
  public void captureLeg(LegRef ref) {
    try {
      clients
          .payment()
          .captureLeg(
              CaptureLegRequest.newBuilder()
                  .setIdempotencyKey(ref.idempotencyKey())
                  .setPaymentId(ref.orderId())
                  .setLegId(ref.legId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("CaptureLeg", e);
    }
  }

  @Override
  public void voidLeg(LegRef ref) {
    try {
      clients
          .payment()
          .voidLeg(
              VoidLegRequest.newBuilder()
                  .setIdempotencyKey(ref.idempotencyKey())
                  .setPaymentId(ref.orderId())
                  .setLegId(ref.legId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("VoidLeg", e);
    }
  }

  /**
   * Reads the leg through GetPayment. A payment or leg the service never saw is NEW: the Try never
   * landed (one still on its way is refused by the barrier of the void that follows). Transient
   * errors are retryable like any call's.
   */
  @Override
  public LegStatus getLegState(LegRef ref) {
    GetPaymentResponse payment;
    try {
      payment =
          clients
              .payment()
              .getPayment(GetPaymentRequest.newBuilder().setPaymentId(ref.orderId()).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return NOT_AT_SERVICE;
      }
      throw GrpcFailures.toFailure("GetPayment", e);
    }
    return payment.getLegsList().stream()
        .filter(leg -> leg.getLegId().equals(ref.legId()))
        .findFirst()
        .map(PaymentActivitiesImpl::toStatus)
        .orElse(NOT_AT_SERVICE);
  }

  private static LegStatus toStatus(Leg leg) {
    LegState state =
        switch (leg.getState()) {
          case LEG_STATE_AUTHORIZED -> LegState.AUTHORIZED;
          case LEG_STATE_CAPTURED -> LegState.CAPTURED;
          case LEG_STATE_VOIDED -> LegState.VOIDED;
          // A state this client does not know yet: the workflow must not read it as a success.
          case LEG_STATE_UNSPECIFIED, UNRECOGNIZED -> LegState.UNKNOWN;
        };
    return new LegStatus(state, emptyToNull(leg.getPspAuthorizationId()));
  }

  @Override
  public LegRefunded refundLeg(RefundLegInput input) {
    try {
      RefundLegResponse response =
          clients
              .payment()
              .refundLeg(
                  RefundLegRequest.newBuilder()
                      .setIdempotencyKey(input.idempotencyKey())
                      .setPaymentId(input.orderId())
                      .setLegId(input.legId())
                      .setAmount(input.amount())
                      .build());
      return new LegRefunded(response.getLegId(), response.getRefundedAmount());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("RefundLeg", e);
    }
  }

  private static FundingSource toProto(PaymentSource source) {
    FundingSource.Builder proto = FundingSource.newBuilder().setAmount(source.amount());
    switch (source.type()) {
      case BALANCE -> proto.setType(SourceType.SOURCE_TYPE_BALANCE);
      case POINTS -> proto.setType(SourceType.SOURCE_TYPE_POINTS);
      // The token goes to the provider through the payment service; a missing one is
      // refused there as INVALID_ARGUMENT rather than guessed here.
      case CARD ->
          proto
              .setType(SourceType.SOURCE_TYPE_CARD)
              .setCardToken(source.cardToken() == null ? "" : source.cardToken());
    }
    return proto.build();
  }

  /** Proto strings are never null; an empty one means the field was not set. */
  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
