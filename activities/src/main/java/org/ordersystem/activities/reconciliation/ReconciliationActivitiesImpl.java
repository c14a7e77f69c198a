package org.ordersystem.activities.reconciliation;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ordersystem.activities.GrpcFailures;
import org.ordersystem.activities.PendingOrderUpdates;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RecordProviderCaptureRequest;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.proto.psp.v1.VoidRequest;
import org.ordersystem.readmodel.OrderPage;
import org.ordersystem.readmodel.OrderQuery;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.reconciliation.Comparison;
import org.ordersystem.reconciliation.MismatchStore;
import org.ordersystem.reconciliation.ProviderEventStore;
import org.ordersystem.reconciliation.RunStore;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.SourceType;
import org.ordersystem.workflows.reconciliation.CompareRequest;
import org.ordersystem.workflows.reconciliation.CompareResult;
import org.ordersystem.workflows.reconciliation.IngestResult;
import org.ordersystem.workflows.reconciliation.InternalRecord;
import org.ordersystem.workflows.reconciliation.LegCorrection;
import org.ordersystem.workflows.reconciliation.OrderFacts;
import org.ordersystem.workflows.reconciliation.PendingPayment;
import org.ordersystem.workflows.reconciliation.ProviderRecord;
import org.ordersystem.workflows.reconciliation.ReconciliationActivities;
import org.ordersystem.workflows.reconciliation.ReconciliationSummary;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;

/**
 * Reconciliation's activities over the provider's channel, the payment service, the reconciliation
 * store, the order read model and Temporal. Corrective calls go out with the correction's key; the
 * services answer a retry with their first result.
 */
public final class ReconciliationActivitiesImpl implements ReconciliationActivities {

  private final ProviderClient provider;
  private final Supplier<PaymentServiceBlockingStub> payment;
  private final ProviderFeedReader feed;
  private final Comparison comparison;
  private final MismatchStore mismatches;
  private final RunStore runs;
  private final ProviderEventStore events;
  private final PaymentCardLegs cardLegs;
  private final OrderReadModel readModel;
  private final OrderInspector orders;
  private final PendingOrderUpdates orderUpdates;
  private final Clock clock;

  /**
   * @param payment a fresh stub per call, with its deadline
   */
  public ReconciliationActivitiesImpl(
      ProviderClient provider,
      Supplier<PaymentServiceBlockingStub> payment,
      ProviderEventStore events,
      MismatchStore mismatches,
      RunStore runs,
      OrderReadModel readModel,
      WorkflowClient client,
      PendingOrderUpdates orderUpdates,
      Clock clock) {
    this.provider = provider;
    this.payment = payment;
    this.events = events;
    this.mismatches = mismatches;
    this.runs = runs;
    this.readModel = readModel;
    this.clock = clock;
    this.feed = new ProviderFeedReader(provider, events);
    this.cardLegs = new PaymentCardLegs(payment);
    this.comparison = new Comparison(events, cardLegs, mismatches);
    this.orders = new OrderInspector(client, readModel);
    this.orderUpdates = orderUpdates;
  }

  @Override
  public IngestResult ingestProviderEvents(int maxPages) {
    return feed.ingest(maxPages, true);
  }

  @Override
  public CompareResult compare(CompareRequest request) {
    return comparison.compare(request);
  }

  /**
   * The read model lists PENDING orders; only those at a payment step with a card leg the order has
   * not seen AUTHORIZED or CAPTURED are the provider's to settle. At AUTHORIZE_PAYMENT the card is
   * tried last, so the other legs must all be AUTHORIZED: else the card was never tried.
   */
  @Override
  public List<PendingPayment> findPendingPayments(int limit) {
    List<PendingPayment> found = new ArrayList<>();
    if (limit < 1) {
      return found;
    }
    String token = null;
    do {
      OrderPage page =
          readModel.list(
              new OrderQuery(null, null, OrderStatus.PENDING, token, OrderQuery.MAX_LIMIT));
      for (StoredOrder order : page.items()) {
        cardLegWaiting(order).ifPresent(leg -> found.add(pending(order, leg)));
        if (found.size() >= limit) {
          return found;
        }
      }
      token = page.nextPageToken();
    } while (token != null);
    return found;
  }

  private static Optional<PaymentLeg> cardLegWaiting(StoredOrder order) {
    if (order.step() != OrderStep.AUTHORIZE_PAYMENT && order.step() != OrderStep.CAPTURE_PAYMENT) {
      return Optional.empty();
    }
    PaymentLeg card = null;
    for (PaymentLeg leg : order.legs()) {
      if (leg.type() == SourceType.CARD) {
        card = leg;
      } else if (order.step() == OrderStep.AUTHORIZE_PAYMENT
          && leg.state() != LegState.AUTHORIZED) {
        return Optional.empty();
      }
    }
    if (card == null || card.state() == LegState.CAPTURED || card.state() == LegState.VOIDED) {
      return Optional.empty();
    }
    if (order.step() == OrderStep.AUTHORIZE_PAYMENT && card.state() == LegState.AUTHORIZED) {
      return Optional.empty();
    }
    return Optional.of(card);
  }

  private PendingPayment pending(StoredOrder order, PaymentLeg card) {
    String reference = order.orderId() + ":" + card.legId();
    ProviderRecord providerRecord = events.find(reference).orElse(null);
    Map<String, InternalRecord> ours = cardLegs.find(List.of(reference));
    return new PendingPayment(
        order.orderId(), order.step(), reference, providerRecord, ours.get(reference));
  }

  @Override
  public OrderFacts inspectOrder(String orderId) {
    return orders.inspect(orderId);
  }

  @Override
  public void voidLeg(LegCorrection c) {
    try {
      payment
          .get()
          .voidLeg(
              VoidLegRequest.newBuilder()
                  .setIdempotencyKey(c.idempotencyKey())
                  .setPaymentId(c.paymentId())
                  .setLegId(c.legId())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("VoidLeg", e);
    }
  }

  @Override
  public void voidAtProvider(LegCorrection c) {
    try {
      provider
          .psp()
          .void_(
              VoidRequest.newBuilder()
                  .setIdempotencyKey(c.idempotencyKey())
                  .setReference(c.reference())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("Void", e);
    }
  }

  @Override
  public void refundAtProvider(LegCorrection c) {
    try {
      provider
          .psp()
          .refund(
              RefundRequest.newBuilder()
                  .setIdempotencyKey(c.idempotencyKey())
                  .setAuthorizationId(c.authorizationId())
                  .setAmount(c.amount())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("Refund", e);
    }
  }

  @Override
  public void recordProviderCapture(LegCorrection c) {
    try {
      payment
          .get()
          .recordProviderCapture(
              RecordProviderCaptureRequest.newBuilder()
                  .setIdempotencyKey(c.idempotencyKey())
                  .setPaymentId(c.paymentId())
                  .setLegId(c.legId())
                  .setPspAuthorizationId(c.authorizationId())
                  .setCapturedAmount(c.amount())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("RecordProviderCapture", e);
    }
  }

  @Override
  public void refundLeg(LegCorrection c) {
    try {
      payment
          .get()
          .refundLeg(
              RefundLegRequest.newBuilder()
                  .setIdempotencyKey(c.idempotencyKey())
                  .setPaymentId(c.paymentId())
                  .setLegId(c.legId())
                  .setAmount(c.amount())
                  .build());
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.toFailure("RefundLeg", e);
    }
  }

  @Override
  public RecoveryOutcome tellOrder(RecoveryCommand command) {
    return orderUpdates.send(command);
  }

  @Override
  public void noteAction(long mismatchId, String action) {
    mismatches.noteAction(mismatchId, action, clock.instant());
  }

  @Override
  public void markNotified(long mismatchId) {
    mismatches.markNotified(mismatchId, clock.instant());
  }

  @Override
  public void recordRun(ReconciliationSummary summary) {
    runs.record(summary);
  }
}
