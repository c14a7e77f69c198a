package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.support.PaymentStack;

/** Try/Confirm/Cancel of BALANCE and POINTS legs, one call at a time, on the seeded wallets. */
class PaymentServiceIntegrationTest {

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
  void shouldAuthorizeThenCaptureOnceWhenCapturedTwice() {
    Account before = stack.account("cust-001");
    String id = paymentId();

    AuthorizeLegResponse authorized = payment.authorizeLeg(authorize(id, "cust-001", 12_000));
    assertThat(authorized.getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    assertThat(stack.account("cust-001").getAvailable()).isEqualTo(before.getAvailable() - 12_000);
    assertThat(stack.account("cust-001").getPending()).isEqualTo(before.getPending() + 12_000);
    assertThat(payment.captureLeg(capture(id)).getState()).isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(payment.captureLeg(capture(id))).isEqualTo(payment.captureLeg(capture(id)));
    assertThat(
            payment
                .captureLeg(capture(id).toBuilder().setIdempotencyKey(id + ":retry").build())
                .getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);

    Account after = stack.account("cust-001");
    assertThat(after.getPosted()).isEqualTo(before.getPosted() - 12_000);
    assertThat(after.getPending()).isEqualTo(before.getPending());
  }

  @Test
  void shouldReserveAndPostPointsOneToOneWithYen() {
    Account before = stack.account("cust-002");
    String id = paymentId();

    payment.authorizeLeg(authorize(id, "2", "cust-002", SourceType.SOURCE_TYPE_POINTS, 700));
    Account held = stack.account("cust-002");
    assertThat(held.getPointsPending()).isEqualTo(before.getPointsPending() + 700);
    assertThat(held.getPointsAvailable()).isEqualTo(before.getPointsAvailable() - 700);
    assertThat(held.getAvailable()).isEqualTo(before.getAvailable());
    payment.captureLeg(capture(id, "2"));

    Account after = stack.account("cust-002");
    assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted() - 700);
    assertThat(after.getPointsPending()).isEqualTo(before.getPointsPending());
    assertThat(after.getPosted()).isEqualTo(before.getPosted());
  }

  @Test
  void shouldReplayAnAuthorizationAndRefuseOtherParametersUnderTheSameKey() {
    Account before = stack.account("cust-002");
    AuthorizeLegRequest request = authorize(paymentId(), "cust-002", 3_000);

    AuthorizeLegResponse first = payment.authorizeLeg(request);

    assertThat(payment.authorizeLeg(request)).isEqualTo(first);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () ->
            payment.authorizeLeg(
                request.toBuilder()
                    .setSource(request.getSource().toBuilder().setAmount(3_001))
                    .build()));
    assertThat(stack.account("cust-002").getPending()).isEqualTo(before.getPending() + 3_000);
  }

  @Test
  void shouldAnswerADuplicateTryUnderAnotherKeyFromTheLegAndRefuseOtherParameters() {
    Account before = stack.account("cust-003");
    AuthorizeLegRequest request = authorize(paymentId(), "cust-003", 2_500);
    payment.authorizeLeg(request);

    AuthorizeLegResponse again =
        payment.authorizeLeg(request.toBuilder().setIdempotencyKey("another-key").build());

    assertThat(again.getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    assertThat(again.getAmount()).isEqualTo(2_500);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "IDEMPOTENCY_CONFLICT",
        () ->
            payment.authorizeLeg(
                request.toBuilder()
                    .setIdempotencyKey("yet-another-key")
                    .setSource(request.getSource().toBuilder().setAmount(99))
                    .build()));
    assertThat(stack.account("cust-003").getPending()).isEqualTo(before.getPending() + 2_500);
  }

  @Test
  void shouldReleaseTheAmountOnVoidAndVoidTwiceHarmlessly() {
    Account before = stack.account("cust-003");
    String id = paymentId();
    payment.authorizeLeg(authorize(id, "cust-003", 5_000));
    payment.authorizeLeg(authorize(id, "2", "cust-003", SourceType.SOURCE_TYPE_POINTS, 50));

    assertThat(payment.voidLeg(voidLeg(id)).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    assertThat(payment.voidLeg(voidLeg(id))).isEqualTo(payment.voidLeg(voidLeg(id)));
    payment.voidLeg(voidLeg(id).toBuilder().setIdempotencyKey(id + ":void-again").build());
    payment.voidLeg(voidLeg(id, "2"));

    assertThat(stack.account("cust-003")).isEqualTo(before);
    failsWith(
        Status.Code.FAILED_PRECONDITION, "ALREADY_CLOSED", () -> payment.captureLeg(capture(id)));
  }

  @Test
  void shouldLeaveABarrierWhenVoidComesFirstAndRefuseTheLateAuthorize() {
    Account before = stack.account("cust-004");
    long entries = stack.assertLedgerClean().getEntries();
    String id = paymentId();

    assertThat(payment.voidLeg(voidLeg(id)).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> payment.authorizeLeg(authorize(id, "cust-004", 1_000)));

    assertThat(stack.account("cust-004")).isEqualTo(before);
    assertThat(stack.assertLedgerClean().getEntries()).isEqualTo(entries);
    assertThat(payment.getPayment(get(id)).getLegsList())
        .containsExactly(
            Leg.newBuilder()
                .setLegId("1")
                .setAmount(0)
                .setState(LegState.LEG_STATE_VOIDED)
                .build());
    assertThat(
            stack
                .paymentService()
                .queryLong(
                    "SELECT COUNT(*) FROM tcc_fence WHERE payment_id = ?"
                        + " AND state = 'SUSPENDED'",
                    id))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseToVoidACapturedLegOrCaptureAnUnknownOne() {
    String id = paymentId();
    payment.authorizeLeg(authorize(id, "cust-005", 700));
    payment.captureLeg(capture(id));

    failsWith(
        Status.Code.FAILED_PRECONDITION, "ALREADY_CAPTURED", () -> payment.voidLeg(voidLeg(id)));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "LEG_NOT_AUTHORIZED",
        () -> payment.captureLeg(capture(paymentId())));
    assertThat(payment.getPayment(get(id)).getLegs(0))
        .isEqualTo(
            Leg.newBuilder()
                .setLegId("1")
                .setCustomerId("cust-005")
                .setSourceType(SourceType.SOURCE_TYPE_BALANCE)
                .setAmount(700)
                .setState(LegState.LEG_STATE_CAPTURED)
                .build());
  }

  @Test
  void shouldDeclineInsufficientBalanceAndChangeNothing() {
    Account before = stack.account("cust-poor");
    String id = paymentId();

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "PAYMENT_DECLINED",
            () -> payment.authorizeLeg(authorize(id, "cust-poor", 1_001)));

    assertThat(status.getDescription()).startsWith("insufficient balance");
    assertThat(stack.account("cust-poor")).isEqualTo(before);
    failsWith(Status.Code.NOT_FOUND, "UNKNOWN_PAYMENT", () -> payment.getPayment(get(id)));
  }

  @Test
  void shouldDeclineInsufficientPointsAndChangeNothing() {
    Account before = stack.account("cust-poor");
    String id = paymentId();

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "PAYMENT_DECLINED",
            () ->
                payment.authorizeLeg(
                    authorize(id, "2", "cust-poor", SourceType.SOURCE_TYPE_POINTS, 101)));

    assertThat(status.getDescription())
        .isEqualTo("insufficient points: customer cust-poor cannot cover 101 points");
    assertThat(stack.account("cust-poor")).isEqualTo(before);
    assertThat(before.getPointsAvailable()).isEqualTo(100);
    // The whole hundred is still there to spend.
    payment.authorizeLeg(authorize(id, "3", "cust-poor", SourceType.SOURCE_TYPE_POINTS, 100));
    assertThat(stack.account("cust-poor").getPointsAvailable()).isZero();
    payment.voidLeg(voidLeg(id, "3"));
  }

  @Test
  void shouldRefuseMalformedRequests() {
    AuthorizeLegRequest valid = authorize(paymentId(), "cust-001", 100);

    Status unspecified =
        failsWith(
            Status.Code.INVALID_ARGUMENT,
            "INVALID_REQUEST",
            () ->
                payment.authorizeLeg(
                    valid.toBuilder()
                        .setSource(
                            valid.getSource().toBuilder()
                                .setType(SourceType.SOURCE_TYPE_UNSPECIFIED))
                        .build()));
    assertThat(unspecified.getDescription())
        .isEqualTo("source type must be BALANCE, POINTS or CARD");
    for (AuthorizeLegRequest malformed :
        new AuthorizeLegRequest[] {
          valid.toBuilder().setSource(valid.getSource().toBuilder().setAmount(0)).build(),
          valid.toBuilder().clearSource().build(),
          valid.toBuilder().setCustomerId("").build(),
          valid.toBuilder().setLegId("1:2").build(),
          valid.toBuilder().setSource(valid.getSource().toBuilder().setCardToken("tok_ok")).build(),
          valid.toBuilder()
              .setSource(valid.getSource().toBuilder().setType(SourceType.SOURCE_TYPE_CARD))
              .build()
        }) {
      failsWith(
          Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> payment.authorizeLeg(malformed));
    }
    // Never recorded: the corrected request may use the same key.
    assertThat(payment.authorizeLeg(valid).getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    payment.voidLeg(voidLeg(valid.getPaymentId()));
  }

  @Test
  void shouldListSeededWalletsWithBalanceAndPointsAndFilterThem() {
    assertThat(payment.listAccounts(ListAccountsRequest.getDefaultInstance()).getAccountsList())
        .extracting(Account::getCustomerId)
        .contains("cust-001", "cust-002", "cust-003", "cust-004", "cust-005", "cust-poor")
        .isSorted();
    assertThat(
            payment
                .listAccounts(
                    ListAccountsRequest.newBuilder()
                        .addCustomerIds("cust-poor")
                        .addCustomerIds("cust-nobody")
                        .build())
                .getAccountsList())
        .containsExactly(
            Account.newBuilder()
                .setCustomerId("cust-poor")
                .setPosted(1_000)
                .setAvailable(1_000)
                .setPointsPosted(100)
                .setPointsAvailable(100)
                .build());
  }
}
