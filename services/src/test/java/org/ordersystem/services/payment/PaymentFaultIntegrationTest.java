package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.card;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.PaymentStack.setFaults;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.services.support.PaymentStack;

/**
 * Calls that committed but whose answer was lost, on the payment service and at the provider: a
 * retry with the same key must apply nothing twice, and a caller that gives up must be able to
 * cancel what landed.
 */
class PaymentFaultIntegrationTest {

  private static final Faults COMMIT_THEN_TIMEOUT =
      Faults.newBuilder().setCommitThenTimeout(true).build();

  private static PaymentStack stack;
  private static PaymentServiceBlockingStub payment;

  @BeforeAll
  static void start() {
    stack = PaymentStack.start();
    payment = stack.payment();
  }

  @AfterEach
  void clearFaults() {
    stack.clearFaults();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    stack.assertLedgerClean();
    stack.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"SOURCE_TYPE_BALANCE", "SOURCE_TYPE_POINTS", "SOURCE_TYPE_CARD"})
  void shouldApplyEachStepOnceWhenThePaymentServiceTimesOutAfterCommitting(SourceType source) {
    String customer = "cust-00" + (source.getNumber() + 1);
    Account before = stack.account(customer);
    String id = paymentId();
    AuthorizeLegRequest first = authorize(id, "1", customer, source, 1_000);
    AuthorizeLegRequest second = authorize(id, "2", customer, source, 400);

    timesOutThenSucceeds(
        () -> payment.authorizeLeg(first).getState(), LegState.LEG_STATE_AUTHORIZED);
    timesOutThenSucceeds(
        () -> payment.captureLeg(capture(id, "1")).getState(), LegState.LEG_STATE_CAPTURED);
    payment.authorizeLeg(second);
    timesOutThenSucceeds(
        () -> payment.voidLeg(voidLeg(id, "2")).getState(), LegState.LEG_STATE_VOIDED);

    Account after = stack.account(customer);
    long spent = source == SourceType.SOURCE_TYPE_CARD ? 0 : 1_000;
    if (source == SourceType.SOURCE_TYPE_POINTS) {
      assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted() - spent);
      assertThat(after.getPosted()).isEqualTo(before.getPosted());
    } else {
      assertThat(after.getPosted()).isEqualTo(before.getPosted() - spent);
      assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted());
    }
    assertThat(after.getPending()).isEqualTo(before.getPending());
    assertThat(after.getPointsPending()).isEqualTo(before.getPointsPending());
    if (source == SourceType.SOURCE_TYPE_CARD) {
      assertThat(stack.authorizationOf(id, "1").getCapturedAmount()).isEqualTo(1_000);
      assertThat(stack.authorizationOf(id, "2").getState())
          .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    }
    stack.assertLedgerClean();
  }

  @Test
  void shouldSettleCardLegsThroughProviderTimeoutsWithoutChargingTwice() {
    String id = paymentId();
    AuthorizeLegRequest request = card(id, "1", "cust-004", "tok_ok", 2_000);

    setFaults(stack.pspService(), COMMIT_THEN_TIMEOUT);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.authorizeLeg(request));
    stack.clearFaults();
    Authorization held = stack.authorizationOf(id, "1");
    assertThat(held.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED);
    failsWith(Status.Code.NOT_FOUND, "UNKNOWN_PAYMENT", () -> payment.getPayment(get(id)));
    assertThat(payment.authorizeLeg(request).getPspAuthorizationId())
        .isEqualTo(held.getAuthorizationId());

    setFaults(stack.pspService(), COMMIT_THEN_TIMEOUT);
    failsWith(
        Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.captureLeg(capture(id, "1")));
    stack.clearFaults();
    assertThat(stack.authorizationOf(id, "1").getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_CAPTURED);
    assertThat(payment.getPayment(get(id)).getLegs(0).getState())
        .isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    assertThat(payment.captureLeg(capture(id, "1")).getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(stack.authorizationOf(id, "1").getCapturedAmount()).isEqualTo(2_000);

    payment.authorizeLeg(card(id, "2", "cust-004", "tok_ok", 700));
    setFaults(stack.pspService(), COMMIT_THEN_TIMEOUT);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.voidLeg(voidLeg(id, "2")));
    stack.clearFaults();
    assertThat(payment.voidLeg(voidLeg(id, "2")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    assertThat(stack.authorizationOf(id, "2").getState())
        .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
  }

  @Test
  void shouldVoidAtTheProviderWhenTheTryTimedOutThereAndTheCallerGaveUp() {
    String id = paymentId();
    setFaults(stack.pspService(), COMMIT_THEN_TIMEOUT);
    failsWith(
        Status.Code.UNAVAILABLE,
        "PSP_UNAVAILABLE",
        () -> payment.authorizeLeg(card(id, "1", "cust-005", "tok_ok", 900)));
    stack.clearFaults();

    assertThat(payment.voidLeg(voidLeg(id, "1")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);

    Authorization voided = stack.authorizationOf(id, "1");
    assertThat(voided.getState()).isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    assertThat(voided.getAmount()).isEqualTo(900);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> payment.authorizeLeg(card(id, "1", "cust-005", "tok_ok", 900)));
  }

  @Test
  void shouldWaitForTheProviderOnlyWhereACardMayBeHeld() {
    String id = paymentId();
    Account before = stack.account("cust-001");
    payment.authorizeLeg(authorize(id, "1", "cust-001", SourceType.SOURCE_TYPE_BALANCE, 300));
    setFaults(stack.pspService(), Faults.newBuilder().setOutage(true).build());

    // A recorded balance leg needs no provider; a leg without a record might hide a card hold.
    assertThat(payment.voidLeg(voidLeg(id, "1")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.voidLeg(voidLeg(id, "2")));
    AuthorizeLegRequest card = card(id, "3", "cust-001", "tok_ok", 300);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.authorizeLeg(card));

    stack.clearFaults();
    assertThat(payment.voidLeg(voidLeg(id, "2")).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    assertThat(payment.authorizeLeg(card).getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    payment.voidLeg(voidLeg(id, "3"));
    assertThat(stack.account("cust-001")).isEqualTo(before);
  }

  /** Runs {@code call} under commit-then-timeout, then again without faults, with the same key. */
  private static void timesOutThenSucceeds(Supplier<LegState> call, LegState expected) {
    setFaults(stack.paymentService(), COMMIT_THEN_TIMEOUT);
    failsWith(Status.Code.DEADLINE_EXCEEDED, call::get);
    stack.clearFaults();
    assertThat(call.get()).isEqualTo(expected);
  }
}
