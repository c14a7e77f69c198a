package org.ordersystem.services.psp;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.proto.psp.v1.AuthorizeResponse;
import org.ordersystem.proto.psp.v1.CaptureRequest;
import org.ordersystem.proto.psp.v1.CaptureResponse;
import org.ordersystem.proto.psp.v1.GetAuthorizationRequest;
import org.ordersystem.proto.psp.v1.ListAuthorizationsRequest;
import org.ordersystem.proto.psp.v1.ListAuthorizationsResponse;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.proto.psp.v1.RefundResponse;
import org.ordersystem.proto.psp.v1.VoidRequest;
import org.ordersystem.proto.psp.v1.VoidResponse;
import org.ordersystem.services.common.FailureReason;
import org.ordersystem.services.common.IdempotentExecutor;
import org.ordersystem.services.common.Jdbc;
import org.ordersystem.services.common.Requests;
import org.ordersystem.services.common.UnaryCalls;
import org.ordersystem.services.psp.PspStore.Lookup;

/**
 * The simulated provider's rpcs: validates requests, then runs mutations once per idempotency key
 * in one transaction with {@link PspStore}.
 */
final class PspServiceImpl extends PspServiceGrpc.PspServiceImplBase {

  /** Longest reference: ours is "paymentId:legId", two ids and a colon. */
  static final int MAX_REFERENCE_LENGTH = 2 * Requests.MAX_ID_LENGTH + 1;

  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

  private final DataSource dataSource;
  private final IdempotentExecutor idempotent;
  private final PspStore store;

  PspServiceImpl(DataSource dataSource, Clock clock, Duration authorizationTtl) {
    if (authorizationTtl.isNegative() || authorizationTtl.isZero()) {
      throw new IllegalArgumentException("authorization TTL must be positive: " + authorizationTtl);
    }
    this.dataSource = dataSource;
    this.idempotent = new IdempotentExecutor(dataSource);
    this.store = new PspStore(clock, authorizationTtl);
  }

  @Override
  public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String reference = reference(request.getReference());
          TestCard card = TestCard.of(request.getCardToken());
          long amount = Requests.requireAmount("amount", request.getAmount());
          return idempotent.execute(
              key,
              request,
              AuthorizeResponse.parser(),
              c -> wrap(store.authorize(c, reference, card, amount)));
        });
  }

  @Override
  public void capture(CaptureRequest request, StreamObserver<CaptureResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("authorization_id", request.getAuthorizationId());
          long amount = Requests.requireAmount("amount", request.getAmount());
          return idempotent.execute(
              key,
              request,
              CaptureResponse.parser(),
              c ->
                  CaptureResponse.newBuilder()
                      .setAuthorization(store.capture(c, id, amount))
                      .build());
        });
  }

  @Override
  public void void_(VoidRequest request, StreamObserver<VoidResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          Lookup lookup = lookup(request.getAuthorizationId(), request.getReference());
          return idempotent.execute(
              key,
              request,
              VoidResponse.parser(),
              c ->
                  VoidResponse.newBuilder()
                      .setAuthorization(store.voidAuthorization(c, lookup))
                      .build());
        });
  }

  @Override
  public void refund(RefundRequest request, StreamObserver<RefundResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          String key = Requests.requireKey(request.getIdempotencyKey());
          String id = Requests.requireId("authorization_id", request.getAuthorizationId());
          long amount = Requests.requireAmount("amount", request.getAmount());
          return idempotent.execute(
              key,
              request,
              RefundResponse.parser(),
              c ->
                  RefundResponse.newBuilder()
                      .setAuthorization(store.refund(c, id, amount))
                      .build());
        });
  }

  @Override
  public void getAuthorization(
      GetAuthorizationRequest request, StreamObserver<Authorization> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          Lookup lookup = lookup(request.getAuthorizationId(), request.getReference());
          return Jdbc.read(dataSource, c -> store.get(c, lookup));
        });
  }

  @Override
  public void listAuthorizations(
      ListAuthorizationsRequest request, StreamObserver<ListAuthorizationsResponse> observer) {
    UnaryCalls.respond(
        observer,
        () -> {
          int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
          if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw FailureReason.INVALID_REQUEST.exception(
                "page_size must be within [1, " + MAX_PAGE_SIZE + "], got " + pageSize);
          }
          long beforeSeq = pageToken(request.getPageToken());
          return Jdbc.read(dataSource, c -> store.list(c, pageSize, beforeSeq));
        });
  }

  private static AuthorizeResponse wrap(Authorization authorization) {
    return AuthorizeResponse.newBuilder().setAuthorization(authorization).build();
  }

  private static String reference(String reference) {
    return Requests.requireId("reference", reference, MAX_REFERENCE_LENGTH);
  }

  private static Lookup lookup(String authorizationId, String reference) {
    if (authorizationId.isEmpty() == reference.isEmpty()) {
      throw FailureReason.INVALID_REQUEST.exception(
          "exactly one of authorization_id and reference is required");
    }
    return authorizationId.isEmpty()
        ? new Lookup("", reference(reference))
        : new Lookup(Requests.requireId("authorization_id", authorizationId), "");
  }

  /** The page token is the sequence number to continue below; the first page starts at the top. */
  private static long pageToken(String token) {
    if (token.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      long seq = Long.parseLong(token);
      if (seq > 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw FailureReason.INVALID_REQUEST.exception("page_token '" + token + "' is not valid");
  }
}
