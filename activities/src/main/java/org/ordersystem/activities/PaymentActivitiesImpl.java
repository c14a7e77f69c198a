package org.ordersystem.activities;

import io.grpc.StatusRuntimeException;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.workflows.activities.PaymentActivities;
import org.ordersystem.workflows.model.PaymentSource;

/** Calls the payment service's leg primitives; the payment id is the order id. */
public final class PaymentActivitiesImpl implements PaymentActivities {

  private final ServiceClients clients;

  public PaymentActivitiesImpl(ServiceClients clients) {
    this.clients = clients;
  }

  @Override
  public void authorizeLeg(AuthorizeLegInput input) {
    try {
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

  private static FundingSource toProto(PaymentSource source) {
    FundingSource.Builder proto =
        FundingSource.newBuilder()
            .setType(SourceType.valueOf("SOURCE_TYPE_" + source.type().name()))
            .setAmount(source.amount());
    if (source.cardToken() != null) {
      proto.setCardToken(source.cardToken());
    }
    return proto.build();
  }
}
