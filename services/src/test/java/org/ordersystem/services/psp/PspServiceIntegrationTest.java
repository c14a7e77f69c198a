package org.ordersystem.services.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.proto.psp.v1.CaptureRequest;
import org.ordersystem.proto.psp.v1.GetAuthorizationRequest;
import org.ordersystem.proto.psp.v1.ListAuthorizationsRequest;
import org.ordersystem.proto.psp.v1.ListAuthorizationsResponse;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.psp.v1.PspServiceGrpc.PspServiceBlockingStub;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.proto.psp.v1.VoidRequest;
import org.ordersystem.services.support.InProcessService;
import org.ordersystem.services.support.MutableClock;

/** The simulated provider on its own, with a clock the tests move. */
class PspServiceIntegrationTest {

  private static final Duration TTL = Duration.ofHours(1);

  private static MutableClock clock;
  private static InProcessService<PspServer> service;
  private static PspServiceBlockingStub psp;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    service =
        InProcessService.start("psp", (builder, db) -> new PspServer(builder, db, clock, TTL));
    psp = PspServiceGrpc.newBlockingStub(service.channel());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @Test
  void shouldAuthorizeOnceAndReplayTheFirstAnswerUnderTheSameKey() {
    AuthorizeRequest request = authorize("tok_ok", 1_000);

    Authorization first = psp.authorize(request).getAuthorization();

    assertThat(first.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
    assertThat(first.getExpiresAtMs()).isEqualTo(clock.millis() + TTL.toMillis());
    assertThat(psp.authorize(request).getAuthorization()).isEqualTo(first);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () -> psp.authorize(request.toBuilder().setAmount(1_001).build()));
    // Another key for the same reference finds the same hold, never a second one.
    assertThat(
            psp.authorize(request.toBuilder().setIdempotencyKey(key()).build()).getAuthorization())
        .isEqualTo(first);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () -> psp.authorize(request.toBuilder().setIdempotencyKey(key()).setAmount(5).build()));
    assertThat(rows(request.getReference())).isEqualTo(1);
  }

  @Test
  void shouldDeclineTestCardsAndRefuseUnknownTokensWithoutRecordingThem() {
    AuthorizeRequest declined = authorize("tok_declined", 500);
    AuthorizeRequest poor = authorize("tok_insufficient_funds", 500);

    Status first =
        failsWith(
            Status.Code.FAILED_PRECONDITION, "PAYMENT_DECLINED", () -> psp.authorize(declined));
    assertThat(first.getDescription()).contains("card declined");
    assertThat(
            failsWith(Status.Code.FAILED_PRECONDITION, () -> psp.authorize(declined))
                .getDescription())
        .isEqualTo(first.getDescription());
    assertThat(
            failsWith(
                    Status.Code.FAILED_PRECONDITION, "PAYMENT_DECLINED", () -> psp.authorize(poor))
                .getDescription())
        .contains("insufficient funds");
    assertThat(rows(declined.getReference()) + rows(poor.getReference())).isZero();

    AuthorizeRequest unknown = authorize("tok_bogus", 500);
    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> psp.authorize(unknown));
    assertThat(
            psp.authorize(unknown.toBuilder().setCardToken("tok_ok").build())
                .getAuthorization()
                .getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
  }

  @Test
  void shouldCapturePartOfAnAuthorizationOnceAndNeverMoreThanAuthorized() {
    Authorization auth = psp.authorize(authorize("tok_ok", 1_000)).getAuthorization();

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "AMOUNT_EXCEEDED",
        () -> psp.capture(capture(auth, 1_001)));
    CaptureRequest partial = capture(auth, 600);
    Authorization captured = psp.capture(partial).getAuthorization();

    assertThat(captured.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
    assertThat(captured.getCapturedAmount()).isEqualTo(600);
    assertThat(psp.capture(partial).getAuthorization()).isEqualTo(captured);
    failsWith(
        Status.Code.FAILED_PRECONDITION, "ALREADY_CAPTURED", () -> psp.capture(capture(auth, 400)));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CAPTURED",
        () ->
            psp.void_(
                VoidRequest.newBuilder()
                    .setIdempotencyKey(key())
                    .setAuthorizationId(auth.getAuthorizationId())
                    .build()));
  }

  @Test
  void shouldRefundCumulativelyUpToTheCapturedAmountOnly() {
    Authorization auth = psp.authorize(authorize("tok_ok", 1_000)).getAuthorization();
    failsWith(
        Status.Code.FAILED_PRECONDITION, "AMOUNT_EXCEEDED", () -> psp.refund(refund(auth, 1)));
    psp.capture(capture(auth, 800));

    RefundRequest first = refund(auth, 300);
    assertThat(psp.refund(first).getAuthorization().getRefundedAmount()).isEqualTo(300);
    assertThat(psp.refund(refund(auth, 500)).getAuthorization().getRefundedAmount()).isEqualTo(800);
    failsWith(
        Status.Code.FAILED_PRECONDITION, "AMOUNT_EXCEEDED", () -> psp.refund(refund(auth, 1)));
    // A replay answers as the first time and refunds nothing more.
    assertThat(psp.refund(first).getAuthorization().getRefundedAmount()).isEqualTo(300);
    assertThat(get(auth).getRefundedAmount()).isEqualTo(800);
    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> psp.refund(refund(auth, 0)));
  }

  @Test
  void shouldExpireAnUncapturedAuthorizationOnceTheClockPassesItsTtl() {
    Authorization auth = psp.authorize(authorize("tok_ok", 700)).getAuthorization();
    Authorization other = psp.authorize(authorize("tok_ok", 900)).getAuthorization();
    psp.capture(capture(other, 900));

    clock.advance(TTL.minusMillis(1));
    assertThat(get(auth).getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
    clock.advance(Duration.ofMillis(1));

    assertThat(get(auth).getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_EXPIRED);
    assertThat(get(other).getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "AUTHORIZATION_EXPIRED",
        () -> psp.capture(capture(auth, 700)));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () ->
            psp.authorize(
                authorize("tok_ok", 700).toBuilder().setReference(auth.getReference()).build()));
    // The hold is gone already, so a void has nothing left to do and says so.
    assertThat(psp.void_(voidByReference(auth.getReference())).getAuthorization().getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_EXPIRED);
  }

  @Test
  void shouldLeaveABarrierWhenVoidingAReferenceThatHasNothing() {
    String reference = "order-" + UUID.randomUUID() + ":3";

    Authorization barrier = psp.void_(voidByReference(reference)).getAuthorization();

    assertThat(barrier.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    assertThat(barrier.getAmount()).isZero();
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> psp.authorize(authorize("tok_ok", 100).toBuilder().setReference(reference).build()));
    assertThat(psp.void_(voidByReference(reference)).getAuthorization()).isEqualTo(barrier);
    assertThat(rows(reference)).isEqualTo(1);
  }

  @Test
  void shouldVoidByIdOnceAndRefuseToCaptureWhatWasVoided() {
    Authorization auth = psp.authorize(authorize("tok_ok", 400)).getAuthorization();
    VoidRequest byId =
        VoidRequest.newBuilder()
            .setIdempotencyKey(key())
            .setAuthorizationId(auth.getAuthorizationId())
            .build();

    assertThat(psp.void_(byId).getAuthorization().getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    assertThat(psp.void_(voidByReference(auth.getReference())).getAuthorization().getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    failsWith(
        Status.Code.FAILED_PRECONDITION, "ALREADY_CLOSED", () -> psp.capture(capture(auth, 400)));
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_AUTHORIZATION",
        () ->
            psp.void_(
                byId.toBuilder()
                    .setIdempotencyKey(key())
                    .setAuthorizationId("auth_missing")
                    .build()));
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_AUTHORIZATION",
        () ->
            psp.getAuthorization(
                GetAuthorizationRequest.newBuilder().setReference("order-unknown:1").build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> psp.void_(byId.toBuilder().setReference(auth.getReference()).build()));
  }

  @Test
  void shouldListNewestFirstPageByPage() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(
          0, psp.authorize(authorize("tok_ok", 10 + i)).getAuthorization().getAuthorizationId());
    }

    List<String> listed = new ArrayList<>();
    String token = "";
    do {
      ListAuthorizationsResponse page =
          psp.listAuthorizations(
              ListAuthorizationsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      assertThat(page.getAuthorizationsCount()).isLessThanOrEqualTo(2);
      page.getAuthorizationsList().forEach(a -> listed.add(a.getAuthorizationId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertThat(listed.subList(0, 5)).isEqualTo(created);
    assertThat(listed).doesNotHaveDuplicates();
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () ->
            psp.listAuthorizations(
                ListAuthorizationsRequest.newBuilder().setPageSize(1001).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () ->
            psp.listAuthorizations(
                ListAuthorizationsRequest.newBuilder().setPageToken("x").build()));
  }

  private static String key() {
    return "key-" + UUID.randomUUID();
  }

  private static AuthorizeRequest authorize(String token, long amount) {
    return AuthorizeRequest.newBuilder()
        .setIdempotencyKey(key())
        .setReference("order-" + UUID.randomUUID() + ":1")
        .setCardToken(token)
        .setAmount(amount)
        .build();
  }

  private static CaptureRequest capture(Authorization auth, long amount) {
    return CaptureRequest.newBuilder()
        .setIdempotencyKey(key())
        .setAuthorizationId(auth.getAuthorizationId())
        .setAmount(amount)
        .build();
  }

  private static RefundRequest refund(Authorization auth, long amount) {
    return RefundRequest.newBuilder()
        .setIdempotencyKey(key())
        .setAuthorizationId(auth.getAuthorizationId())
        .setAmount(amount)
        .build();
  }

  private static VoidRequest voidByReference(String reference) {
    return VoidRequest.newBuilder().setIdempotencyKey(key()).setReference(reference).build();
  }

  private static Authorization get(Authorization auth) {
    return psp.getAuthorization(
        GetAuthorizationRequest.newBuilder().setAuthorizationId(auth.getAuthorizationId()).build());
  }

  private static long rows(String reference) {
    return service.queryLong("SELECT COUNT(*) FROM authorizations WHERE reference = ?", reference);
  }
}
