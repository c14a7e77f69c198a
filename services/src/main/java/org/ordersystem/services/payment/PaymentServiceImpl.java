package org.ordersystem.services.payment;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.CaptureLegRequest;
import org.ordersystem.proto.payment.v1.CaptureLegResponse;
import org.ordersystem.proto.payment.v1.CheckLedgerRequest;
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;
import org.ordersystem.proto.payment.v1.GetPaymentRequest;
import org.ordersystem.proto.payment.v1.GetPaymentResponse;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.ListAccountsResponse;
import org.ordersystem.proto.payment.v1.ListCardLegsRequest;
import org.ordersystem.proto.payment.v1.ListCardLegsResponse;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.RecordProviderCaptureRequest;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.RefundLegResponse;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.proto.payment.v1.VoidLegResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.IdempotentExecutor;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.Requests;
import org.ordersystem.services.common.SqlWork;
import org.ordersystem.services.common.UnaryCalls;
import org.ordersystem.services.payment.CardGateway.CardOutcome;

/**
 * The payment service's rpcs. A mutation runs in three steps: replay if its key has an outcome;
 * call the card provider if the leg's committed record says a CARD leg needs it (outside any
 * transaction); then one fenced local transaction, once per key, with {@link PaymentStore}.
 *
 * <p>The provider step comes first because the provider cannot join our transaction. What makes
 * that safe: Confirm and Cancel of a card are arbitrated by the provider (capture and void of one
 * authorization exclude each other there), and a Cancel that finds no record of the leg voids the
 * reference at the provider anyway, since only a record proves that no authorization exists (a Try
 * may have authorized and then failed to commit: the hole of fence designs). A card refund is
 * bounded twice: by the provider, which never refunds more than it captured, and by the leg's lock
 * here, under which the ledger records it.
 */
final class PaymentServiceImpl extends PaymentServiceGrpc.PaymentServiceImplBase {

  /** Most customers one ListAccounts may name. */
  private static final int MAX_CUSTOMER_FILTER = 1000;

  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

  private final DataSource dataSource;
  private final IdempotentExecutor idempotent;
  private final PaymentStore store = new PaymentStore();
  private final LegRefunds refunds = new LegRefunds(store);
  private final LedgerAudit audit = new LedgerAudit();
  private final CardLegRecords cardLegs = new CardLegRecords(store);
  private final CardGateway card;

  PaymentServiceImpl(DataSource dataSource, Channel psp) {
    this.dataSource = dataSource;
    this.idempotent = new IdempotentExecutor(dataSource);
    this.card = new CardGateway(psp);
  }

  @Override
  public void authorizeLeg(
      AuthorizeLegRequest request, StreamObserver<AuthorizeLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = LegKey.of(request.getPaymentId(), request.getLegId());
          String customerId = Requests.requireId("customer_id", request.getCustomerId());
          LegSource source = LegSource.of(request);
          return fenced(
              key,
              request,
              AuthorizeLegResponse.parser(),
              () ->
                  source.isCard() && read(c -> store.needsCardAuthorization(c, leg, customerId))
                      ? card.authorize(leg, source.cardToken(), source.amount())
                      : CardOutcome.NOT_CALLED,
              (c, outcome) -> store.authorize(c, leg, customerId, source, outcome));
        });
  }

  @Override
  public void captureLeg(CaptureLegRequest request, StreamObserver<CaptureLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = LegKey.of(request.getPaymentId(), request.getLegId());
          return fenced(
              key,
              request,
              CaptureLegResponse.parser(),
              () ->
                  read(c -> store.find(c, leg))
                      .filter(StoredLeg::isOpenCard)
                      .map(l -> card.capture(leg, l.pspAuthorizationId(), l.amount()))
                      .orElse(CardOutcome.NOT_CALLED),
              (c, outcome) -> store.capture(c, leg, outcome));
        });
  }

  @Override
  public void voidLeg(VoidLegRequest request, StreamObserver<VoidLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = LegKey.of(request.getPaymentId(), request.getLegId());
          return fenced(
              key,
              request,
              VoidLegResponse.parser(),
              () -> {
                Optional<StoredLeg> seen = read(c -> store.find(c, leg));
                return seen.isEmpty() || seen.get().isOpenCard()
                    ? card.voidByReference(leg)
                    : CardOutcome.NOT_CALLED;
              },
              (c, outcome) -> store.cancel(c, leg, outcome));
        });
  }

  /**
   * The provider is asked only when the leg's committed record leaves room for the refund: a refund
   * the record already refuses is refused under the leg's lock without touching the card. A commit
   * that fails after the provider refunded is settled by the retry with the same key, which the
   * provider answers from its record of that key.
   */
  @Override
  public void refundLeg(RefundLegRequest request, StreamObserver<RefundLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = LegKey.of(request.getPaymentId(), request.getLegId());
          long amount = Requests.requireAmount("amount", request.getAmount());
          return fenced(
              key,
              request,
              RefundLegResponse.parser(),
              () ->
                  read(c -> store.find(c, leg))
                      .filter(l -> l.isCard() && l.refundable() >= amount)
                      .map(l -> card.refund(key, leg, l.pspAuthorizationId(), amount))
                      .orElse(CardOutcome.NOT_CALLED),
              (c, outcome) -> refunds.refund(c, key, leg, amount, outcome));
        });
  }

  @Override
  public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String paymentId = Requests.requireId("payment_id", request.getPaymentId());
          return read(c -> store.payment(c, paymentId));
        });
  }

  @Override
  public void listAccounts(
      ListAccountsRequest request, StreamObserver<ListAccountsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          if (request.getCustomerIdsCount() > MAX_CUSTOMER_FILTER) {
            throw FailureReason.INVALID_REQUEST.exception(
                "at most "
                    + MAX_CUSTOMER_FILTER
                    + " customer_ids, got "
                    + request.getCustomerIdsCount());
          }
          return ListAccountsResponse.newBuilder()
              .addAllAccounts(read(c -> audit.accounts(c, request.getCustomerIdsList())))
              .build();
        });
  }

  @Override
  public void checkLedger(
      CheckLedgerRequest request, StreamObserver<CheckLedgerResponse> observer) {
    UnaryCalls.respond(observer, () -> read(audit::check));
  }

  @Override
  public void listCardLegs(
      ListCardLegsRequest request, StreamObserver<ListCardLegsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
          if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw FailureReason.INVALID_REQUEST.exception(
                "page_size must be within [1, " + MAX_PAGE_SIZE + "], got " + pageSize);
          }
          String token = request.getPageToken();
          int split = token.indexOf('\n');
          if (!token.isEmpty() && (split < 1 || split == token.length() - 1)) {
            throw FailureReason.INVALID_REQUEST.exception("page_token is not valid");
          }
          String afterPayment = token.isEmpty() ? "" : token.substring(0, split);
          String afterLeg = token.isEmpty() ? "" : token.substring(split + 1);
          return read(
              c -> cardLegs.list(c, request.getChangedSinceMs(), pageSize, afterPayment, afterLeg));
        });
  }

  /** Never calls the provider: the provider's record is what it corrects from. */
  @Override
  public void recordProviderCapture(
      RecordProviderCaptureRequest request, StreamObserver<CaptureLegResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          LegKey leg = LegKey.of(request.getPaymentId(), request.getLegId());
          String authorizationId =
              Requests.requireId("psp_authorization_id", request.getPspAuthorizationId());
          long amount = Requests.requireAmount("captured_amount", request.getCapturedAmount());
          return idempotent.execute(
              key,
              request,
              CaptureLegResponse.parser(),
              c -> cardLegs.recordProviderCapture(c, leg, authorizationId, amount));
        });
  }

  /**
   * Replays a known key; otherwise runs the provider step, then the local work once per key. The
   * replay check spares the provider a call, but correctness does not rest on it: the provider is
   * idempotent by leg, and {@link IdempotentExecutor#execute} settles concurrent first calls.
   */
  private <R extends Message> R fenced(
      String key,
      Message request,
      Parser<R> parser,
      Supplier<CardOutcome> providerStep,
      LegWork<R> work) {
    Optional<R> replay = idempotent.recorded(key, request, parser);
    if (replay.isPresent()) {
      return replay.get();
    }
    CardOutcome outcome = providerStep.get();
    return idempotent.execute(key, request, parser, c -> work.run(c, outcome));
  }

  private <T> T read(SqlWork<T> work) {
    return Jdbc.read(dataSource, work);
  }

  /** The local part of a leg operation, given what the provider answered. */
  @FunctionalInterface
  private interface LegWork<R> {
    R run(Connection c, CardOutcome outcome) throws SQLException;
  }
}
