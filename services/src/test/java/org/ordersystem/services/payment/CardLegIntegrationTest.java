package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.card;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.proto.psp.v1.AuthorizeRequest;
import org.ordersystem.services.support.PaymentStack;

/** CARD legs through the simulated provider, next to BALANCE and POINTS legs of one payment. */
class CardLegIntegrationTest {

  private static PaymentStack stack;
  private static PaymentServiceBlockingStub payment;

  @BeforeAll
  static void start() {
    stack = PaymentStack.start();
    payment = stack.payment();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    stack.assertLedgerClean();
    stack.close();
  }

  @Test
  void shouldAuthorizeCaptureAndVoidCardsAtTheProvider() {
    Account before = stack.account("cust-001");
    long clearing = stack.systemPosted("CARD_CLEARING");
    long merchant = stack.systemPosted("MERCHANT_RECEIVABLE");
    String id = paymentId();

    AuthorizeLegResponse authorized =
        payment.authorizeLeg(card(id, "1", "cust-001", "tok_ok", 8_000));

    Authorization hold = stack.authorizationOf(id, "1");
    assertThat(authorized.getPspAuthorizationId()).isEqualTo(hold.getAuthorizationId());
    assertThat(hold.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
    assertThat(hold.getAmount()).isEqualTo(8_000);
    assertThat(payment.captureLeg(capture(id, "1")).getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(stack.authorizationOf(id, "1").getCapturedAmount()).isEqualTo(8_000);
    assertThat(payment.getPayment(get(id)).getLegs(0))
        .isEqualTo(
            Leg.newBuilder()
                .setLegId("1")
                .setCustomerId("cust-001")
                .setSourceType(SourceType.SOURCE_TYPE_CARD)
                .setAmount(8_000)
                .setState(LegState.LEG_STATE_CAPTURED)
                .setPspAuthorizationId(hold.getAuthorizationId())
                .build());

    payment.authorizeLeg(card(id, "2", "cust-001", "tok_ok", 1_500));
    assertThat(payment.voidLeg(voidLeg(id, "2")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    assertThat(stack.authorizationOf(id, "2").getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);

    assertThat(stack.account("cust-001")).isEqualTo(before);
    assertThat(stack.systemPosted("CARD_CLEARING")).isEqualTo(clearing - 8_000);
    assertThat(stack.systemPosted("MERCHANT_RECEIVABLE")).isEqualTo(merchant + 8_000);
  }

  @Test
  void shouldReleaseBalanceAndPointsExactlyWhenTheCardIsDeclined() {
    Account before = stack.account("cust-002");
    String id = paymentId();
    payment.authorizeLeg(authorize(id, "1", "cust-002", SourceType.SOURCE_TYPE_BALANCE, 10_000));
    payment.authorizeLeg(authorize(id, "2", "cust-002", SourceType.SOURCE_TYPE_POINTS, 2_000));
    AuthorizeLegRequest declined = card(id, "3", "cust-002", "tok_declined", 30_000);

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "PAYMENT_DECLINED",
            () -> payment.authorizeLeg(declined));
    assertThat(status.getDescription()).contains("card declined");
    Account held = stack.account("cust-002");
    assertThat(held.getPending()).isEqualTo(before.getPending() + 10_000);
    assertThat(held.getPointsPending()).isEqualTo(before.getPointsPending() + 2_000);

    for (String leg : new String[] {"1", "2", "3"}) {
      assertThat(payment.voidLeg(voidLeg(id, leg)).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    }

    assertThat(stack.account("cust-002")).isEqualTo(before);
    assertThat(payment.getPayment(get(id)).getLegsList())
        .extracting(Leg::getState)
        .containsOnly(LegState.LEG_STATE_VOIDED);
    Authorization barrier = stack.authorizationOf(id, "3");
    assertThat(barrier.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    assertThat(barrier.getAmount()).isZero();
    assertThat(
            failsWith(Status.Code.FAILED_PRECONDITION, () -> payment.authorizeLeg(declined))
                .getDescription())
        .isEqualTo(status.getDescription());
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () ->
            payment.authorizeLeg(
                card(id, "3", "cust-002", "tok_ok", 30_000).toBuilder()
                    .setIdempotencyKey(id + ":retry")
                    .build()));
  }

  @Test
  void shouldRefuseCaptureOfAnExpiredAuthorizationAndStillCancelIt() {
    String id = paymentId();
    payment.authorizeLeg(card(id, "1", "cust-003", "tok_ok", 5_000));
    stack.clock().advance(PaymentStack.TTL.plus(Duration.ofSeconds(1)));

    Status expired =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "AUTHORIZATION_EXPIRED",
            () -> payment.captureLeg(capture(id, "1")));
    assertThat(
            failsWith(Status.Code.FAILED_PRECONDITION, () -> payment.captureLeg(capture(id, "1")))
                .getDescription())
        .isEqualTo(expired.getDescription());
    assertThat(payment.getPayment(get(id)).getLegs(0).getState())
        .isEqualTo(LegState.LEG_STATE_AUTHORIZED);

    assertThat(payment.voidLeg(voidLeg(id, "1")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    assertThat(stack.authorizationOf(id, "1").getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_EXPIRED);
    stack.assertLedgerClean();
  }

  @Test
  void shouldVoidAtTheProviderAnAuthorizationWhoseLocalTryNeverCommitted() {
    String id = paymentId();
    // The Try authorized at the provider, then its local transaction failed: no record here.
    stack
        .psp()
        .authorize(
            AuthorizeRequest.newBuilder()
                .setIdempotencyKey(CardGateway.key("authorize", new LegKey(id, "1")))
                .setReference(id + ":1")
                .setCardToken("tok_ok")
                .setAmount(3_000)
                .build());

    assertThat(payment.voidLeg(voidLeg(id, "1")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);

    Authorization voided = stack.authorizationOf(id, "1");
    assertThat(voided.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    assertThat(voided.getAmount()).isEqualTo(3_000);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> payment.authorizeLeg(card(id, "1", "cust-004", "tok_ok", 3_000)));
    assertThat(payment.getPayment(get(id)).getLegs(0).getState())
        .isEqualTo(LegState.LEG_STATE_VOIDED);
  }

  @Test
  void shouldReportAnUnknownCustomerWithoutAskingTheProvider() {
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_CUSTOMER",
        () -> payment.authorizeLeg(authorize(paymentId(), "cust-nobody", 100)));
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_CUSTOMER",
        () -> payment.authorizeLeg(card(paymentId(), "1", "cust-nobody", "tok_ok", 100)));
    assertThat(stack.pspService().queryLong("SELECT COUNT(*) FROM authorizations")).isZero();
  }

  @Test
  void shouldRefuseAnUnknownCardTokenWithoutRecordingIt() {
    String id = paymentId();
    AuthorizeLegRequest bogus = card(id, "1", "cust-005", "tok_bogus", 100);

    failsWith(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> payment.authorizeLeg(bogus));

    AuthorizeLegRequest corrected =
        bogus.toBuilder().setSource(bogus.getSource().toBuilder().setCardToken("tok_ok")).build();
    assertThat(payment.authorizeLeg(corrected).getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    payment.voidLeg(voidLeg(id, "1"));
  }
}
