package org.ordersystem.activities.reconciliation;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ordersystem.activities.GrpcFailures;
import org.ordersystem.proto.payment.v1.CardLeg;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.ListCardLegsRequest;
import org.ordersystem.proto.payment.v1.ListCardLegsResponse;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.reconciliation.InternalRecords;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.Mismatch;

/** Our side of reconciliation: the payment service's card legs, read through its rpcs. */
final class PaymentCardLegs implements InternalRecords {

  private static final int PAGE_SIZE = 500;

  private final Supplier<PaymentServiceBlockingStub> payment;

  PaymentCardLegs(Supplier<PaymentServiceBlockingStub> payment) {
    this.payment = payment;
  }

  @Override
  public Map<String, InternalRecord> changedSince(Instant since) {
    Map<String, InternalRecord> legs = new LinkedHashMap<>();
    String token = "";
    do {
      ListCardLegsResponse page;
      try {
        page =
            payment
                .get()
                .listCardLegs(
                    ListCardLegsRequest.newBuilder()
                        .setChangedSinceMs(since.toEpochMilli())
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(token)
                        .build());
      } catch (StatusRuntimeException e) {
        throw GrpcFailures.toFailure("ListCardLegs", e);
      }
      for (CardLeg leg : page.getLegsList()) {
        legs.put(
            leg.getPaymentId() + ":" + leg.getLeg().getLegId(),
            record(leg.getLeg(), Instant.ofEpochMilli(leg.getChangedAtMs())));
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return legs;
  }

  /**
   * Reads each payment once. A payment the service never saw has no legs; a leg of another source
   * is not ours to compare and is left out like a missing one.
   */
  @Override
  public Map<String, InternalRecord> find(Collection<String> references) {
    Set<String> payments = new LinkedHashSet<>();
    references.forEach(r -> payments.add(Mismatch.split(r)[0]));
    Map<String, InternalRecord> legs = new LinkedHashMap<>();
    for (String paymentId : payments) {
      GetPaymentResponse response;
      try {
        response =
            payment
                .get()
                .getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND
            || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
          continue;
        }
        throw GrpcFailures.toFailure("GetPayment", e);
      }
      for (Leg leg : response.getLegsList()) {
        String reference = paymentId + ":" + leg.getLegId();
        if (references.contains(reference) && leg.getSourceType() == SourceType.SOURCE_TYPE_CARD) {
          // GetPayment tells no change time; such a leg is outside the window, so old enough.
          legs.put(reference, record(leg, Instant.EPOCH));
        }
      }
    }
    return legs;
  }

  private static InternalRecord record(Leg leg, Instant changedAt) {
    LegState state =
        switch (leg.getState()) {
          case LEG_STATE_AUTHORIZED -> LegState.AUTHORIZED;
          case LEG_STATE_CAPTURED -> LegState.CAPTURED;
          case LEG_STATE_VOIDED -> LegState.VOIDED;
          case LEG_STATE_UNSPECIFIED, UNRECOGNIZED -> LegState.UNKNOWN;
        };
    String authorizationId = leg.getPspAuthorizationId();
    return new InternalRecord(
        state,
        leg.getAmount(),
        leg.getRefundedAmount(),
        authorizationId.isEmpty() ? null : authorizationId,
        changedAt);
  }
}
