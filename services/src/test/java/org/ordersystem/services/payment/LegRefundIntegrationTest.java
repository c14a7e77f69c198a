package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.captured;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.refund;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.CheckLedgerRequest;
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.RefundLegResponse;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.RefundRequest;
import org.ordersystem.services.support.InProcessService;
import org.ordersystem.services.support.PaymentStack;

/** RefundLeg: money back to the source a captured leg took it from, never more than it took. */
class LegRefundIntegrationTest {

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

  @ParameterizedTest
  @EnumSource(names = {"SOURCE_TYPE_BALANCE", "SOURCE_TYPE_POINTS", "SOURCE_TYPE_CARD"})
  void shouldRefundPartlyThenInFullToTheSourceAndRefuseAYenMore(SourceType source) {
    String id = captured(payment, "cust-002", source, 5_000);
    Account before = stack.account("cust-002");
    long merchant = stack.systemPosted("MERCHANT_RECEIVABLE");
    long clearing = stack.systemPosted("CARD_CLEARING");

    RefundLegResponse partial = payment.refundLeg(refund(id, "1", "r1", 1_200));
    RefundLegResponse full = payment.refundLeg(refund(id, "1", "r2", 3_800));
    Status exceeded =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "REFUND_EXCEEDED",
            () -> payment.refundLeg(refund(id, "1", "r3", 1)));

    assertThat(partial.getRefundedAmount()).isEqualTo(1_200);
    assertThat(full.getRefundedAmount()).isEqualTo(5_000);
    assertThat(exceeded.getDescription()).contains("5000 of 5000 refunded");
    Leg leg = payment.getPayment(get(id)).getLegs(0);
    assertThat(leg.getState()).isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(leg.getRefundedAmount()).isEqualTo(5_000);
    Account after = stack.account("cust-002");
    long balanceBack = source == SourceType.SOURCE_TYPE_BALANCE ? 5_000 : 0;
    long pointsBack = source == SourceType.SOURCE_TYPE_POINTS ? 5_000 : 0;
    long cardBack = source == SourceType.SOURCE_TYPE_CARD ? 5_000 : 0;
    assertThat(after.getPosted()).isEqualTo(before.getPosted() + balanceBack);
    assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted() + pointsBack);
    assertThat(after.getPending()).isEqualTo(before.getPending());
    assertThat(stack.systemPosted("CARD_CLEARING")).isEqualTo(clearing + cardBack);
    assertThat(stack.systemPosted("MERCHANT_RECEIVABLE")).isEqualTo(merchant - 5_000);
    if (source == SourceType.SOURCE_TYPE_CARD) {
      assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(5_000);
    }
    stack.assertLedgerClean();
  }

  @ParameterizedTest
  @EnumSource(names = {"SOURCE_TYPE_BALANCE", "SOURCE_TYPE_CARD"})
  void shouldReplayARefundForTheSameKeyAndRefuseOtherParameters(SourceType source) {
    String id = captured(payment, "cust-003", source, 3_000);
    Account before = stack.account("cust-003");
    RefundLegRequest request = refund(id, "1", "r1", 1_000);

    RefundLegResponse first = payment.refundLeg(request);
    payment.refundLeg(refund(id, "1", "r2", 500));
    RefundLegResponse replay = payment.refundLeg(request);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () -> payment.refundLeg(request.toBuilder().setAmount(999).build()));

    assertThat(replay).as("the first answer, not today's total").isEqualTo(first);
    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isEqualTo(1_500);
    long back = source == SourceType.SOURCE_TYPE_BALANCE ? 1_500 : 0;
    assertThat(stack.account("cust-003").getPosted()).isEqualTo(before.getPosted() + back);
    if (source == SourceType.SOURCE_TYPE_CARD) {
      assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(1_500);
    }
  }

  @Test
  void shouldReplayARefusedRefundEvenAfterRoomWouldAllowIt() {
    String id = captured(payment, "cust-003", SourceType.SOURCE_TYPE_POINTS, 2_000);
    RefundLegRequest tooMuch = refund(id, "1", "r1", 2_001);

    failsWith(Status.Code.FAILED_PRECONDITION, "REFUND_EXCEEDED", () -> payment.refundLeg(tooMuch));
    failsWith(Status.Code.FAILED_PRECONDITION, "REFUND_EXCEEDED", () -> payment.refundLeg(tooMuch));

    assertThat(payment.refundLeg(refund(id, "1", "r2", 2_000)).getRefundedAmount())
        .isEqualTo(2_000);
  }

  @Test
  void shouldRefuseToRefundALegThatWasNotCaptured() {
    String authorized = paymentId();
    payment.authorizeLeg(authorize(authorized, "1", "cust-004", SourceType.SOURCE_TYPE_CARD, 900));
    String voided = paymentId();
    payment.authorizeLeg(authorize(voided, "1", "cust-004", SourceType.SOURCE_TYPE_BALANCE, 900));
    payment.voidLeg(voidLeg(voided));
    String barred = paymentId();
    payment.voidLeg(voidLeg(barred));
    Account before = stack.account("cust-004");

    for (String id : List.of(authorized, voided, barred, paymentId())) {
      failsWith(
          Status.Code.FAILED_PRECONDITION,
          "LEG_NOT_CAPTURED",
          () -> payment.refundLeg(refund(id, "1", "r1", 100)));
    }

    assertThat(stack.account("cust-004")).isEqualTo(before);
    assertThat(stack.authorizationOf(authorized, "1").getRefundedAmount()).isZero();
    assertThat(payment.getPayment(get(authorized)).getLegs(0).getRefundedAmount()).isZero();
  }

  @Test
  void shouldRejectMalformedRefundsWithoutRecordingTheirKey() {
    String id = captured(payment, "cust-005", SourceType.SOURCE_TYPE_BALANCE, 1_000);
    RefundLegRequest request = refund(id, "1", "r1", 400);

    for (RefundLegRequest malformed :
        List.of(
            request.toBuilder().setAmount(0).build(),
            request.toBuilder().setAmount(-400).build(),
            request.toBuilder().setLegId("1:2").build(),
            request.toBuilder().setPaymentId("").build(),
            request.toBuilder().setIdempotencyKey(" ").build())) {
      failsWith(
          Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> payment.refundLeg(malformed));
    }

    assertThat(payment.refundLeg(request).getRefundedAmount()).isEqualTo(400);
  }

  @Test
  void shouldRefuseACardRefundTheProviderHasNoRoomFor() {
    String id = captured(payment, "cust-005", SourceType.SOURCE_TYPE_CARD, 3_000);
    // Refunded at the provider's dashboard, behind this service's back.
    stack
        .psp()
        .refund(
            RefundRequest.newBuilder()
                .setIdempotencyKey("dashboard:" + id)
                .setAuthorizationId(stack.authorizationOf(id, "1").getAuthorizationId())
                .setAmount(2_500)
                .build());

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "REFUND_EXCEEDED",
        () -> payment.refundLeg(refund(id, "1", "r1", 1_000)));

    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isZero();
    assertThat(payment.refundLeg(refund(id, "1", "r2", 500)).getRefundedAmount()).isEqualTo(500);
    assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(3_000);
    stack.assertLedgerClean();
  }

  @Test
  void shouldFlagRefundsTheLedgerCannotAccountFor() {
    String id = captured(payment, "cust-004", SourceType.SOURCE_TYPE_BALANCE, 2_000);
    payment.refundLeg(refund(id, "1", "r1", 700));
    InProcessService<?> db = stack.paymentService();
    long entry =
        db.queryLong("SELECT entry_id FROM leg_refunds WHERE payment_id = ? AND leg_id = '1'", id);

    db.execute("UPDATE payment_legs SET refunded_amount = 600 WHERE payment_id = ?", id);
    CheckLedgerResponse cachedWrong = payment.checkLedger(CheckLedgerRequest.getDefaultInstance());
    db.execute("UPDATE payment_legs SET refunded_amount = 700 WHERE payment_id = ?", id);
    db.execute("UPDATE leg_refunds SET amount = 699 WHERE entry_id = ?", entry);
    CheckLedgerResponse misbooked = payment.checkLedger(CheckLedgerRequest.getDefaultInstance());
    db.execute("UPDATE leg_refunds SET amount = 700 WHERE entry_id = ?", entry);
    db.execute("INSERT INTO journal_entries (entry_ref, kind) VALUES ('refund:stray', 'REFUND')");
    CheckLedgerResponse stray = payment.checkLedger(CheckLedgerRequest.getDefaultInstance());
    db.execute("DELETE FROM journal_entries WHERE entry_ref = 'refund:stray'");

    assertThat(cachedWrong.getInconsistentLegs()).as("cached total").isEqualTo(1);
    assertThat(misbooked.getInconsistentLegs()).as("total and entry").isEqualTo(2);
    assertThat(stray.getInconsistentLegs()).as("entry of no refund").isEqualTo(1);
    stack.assertLedgerClean();
  }
}
