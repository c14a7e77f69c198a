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
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.support.InProcessService;

class PaymentServiceIntegrationTest {

  private static InProcessService<PaymentServer> service;
  private static PaymentServiceBlockingStub payment;

  @BeforeAll
  static void start() {
    service = InProcessService.start("payment", PaymentServer::new);
    payment = PaymentServiceGrpc.newBlockingStub(service.channel());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
  }

  @Test
  void shouldAuthorizeThenCaptureOnceWhenCapturedTwice() {
    Account before = account("cust-001");
    String id = paymentId();

    AuthorizeLegResponse authorized = payment.authorizeLeg(authorize(id, "cust-001", 12_000));
    assertThat(authorized.getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);
    assertThat(account("cust-001").getAvailable()).isEqualTo(before.getAvailable() - 12_000);
    assertThat(payment.captureLeg(capture(id)).getState()).isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(payment.captureLeg(capture(id))).isEqualTo(payment.captureLeg(capture(id)));
    assertThat(
            payment
                .captureLeg(capture(id).toBuilder().setIdempotencyKey(id + ":retry").build())
                .getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);

    Account after = account("cust-001");
    assertThat(after.getPosted()).isEqualTo(before.getPosted() - 12_000);
    assertThat(after.getPending()).isEqualTo(before.getPending());
  }

  @Test
  void shouldReplayAnAuthorizationAndRefuseOtherParametersUnderTheSameKey() {
    Account before = account("cust-002");
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
    assertThat(account("cust-002").getPending()).isEqualTo(before.getPending() + 3_000);
  }

  @Test
  void shouldReleaseTheAmountOnVoidAndVoidTwiceHarmlessly() {
    Account before = account("cust-003");
    String id = paymentId();
    payment.authorizeLeg(authorize(id, "cust-003", 5_000));

    assertThat(payment.voidLeg(voidLeg(id)).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    payment.voidLeg(voidLeg(id).toBuilder().setIdempotencyKey(id + ":void-again").build());

    assertThat(account("cust-003")).isEqualTo(before);
    failsWith(
        Status.Code.FAILED_PRECONDITION, "ALREADY_CLOSED", () -> payment.captureLeg(capture(id)));
  }

  @Test
  void shouldLeaveABarrierWhenVoidComesFirstAndRefuseTheLateAuthorize() {
    Account before = account("cust-004");
    String id = paymentId();

    assertThat(payment.voidLeg(voidLeg(id)).getState()).isEqualTo(LegState.LEG_STATE_VOIDED);
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () -> payment.authorizeLeg(authorize(id, "cust-004", 1_000)));

    assertThat(account("cust-004")).isEqualTo(before);
    assertThat(payment.getPayment(get(id)).getLegsList())
        .containsExactly(
            Leg.newBuilder()
                .setLegId("1")
                .setAmount(0)
                .setState(LegState.LEG_STATE_VOIDED)
                .build());
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
    Account before = account("cust-poor");
    String id = paymentId();

    Status status =
        failsWith(
            Status.Code.FAILED_PRECONDITION,
            "PAYMENT_DECLINED",
            () -> payment.authorizeLeg(authorize(id, "cust-poor", 1_001)));

    assertThat(status.getDescription()).startsWith("PAYMENT_DECLINED: insufficient balance");
    assertThat(account("cust-poor")).isEqualTo(before);
    failsWith(Status.Code.NOT_FOUND, "UNKNOWN_PAYMENT", () -> payment.getPayment(get(id)));
  }

  @Test
  void shouldReportAnUnknownCustomerAsNotFound() {
    failsWith(
        Status.Code.NOT_FOUND,
        "UNKNOWN_CUSTOMER",
        () -> payment.authorizeLeg(authorize(paymentId(), "cust-nobody", 100)));
  }

  @Test
  void shouldRefuseUnsupportedSourcesAndNonPositiveAmounts() {
    AuthorizeLegRequest valid = authorize(paymentId(), "cust-001", 100);

    Status points =
        failsWith(
            Status.Code.INVALID_ARGUMENT,
            "INVALID_REQUEST",
            () ->
                payment.authorizeLeg(
                    valid.toBuilder()
                        .setSource(
                            valid.getSource().toBuilder().setType(SourceType.SOURCE_TYPE_POINTS))
                        .build()));
    assertThat(points.getDescription())
        .isEqualTo("INVALID_REQUEST: source type POINTS not supported yet");
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () ->
            payment.authorizeLeg(
                valid.toBuilder().setSource(valid.getSource().toBuilder().setAmount(0)).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> payment.authorizeLeg(valid.toBuilder().clearSource().build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> payment.authorizeLeg(valid.toBuilder().setCustomerId("").build()));
  }

  @Test
  void shouldListSeededAccountsWithAvailableBalance() {
    assertThat(payment.listAccounts(ListAccountsRequest.getDefaultInstance()).getAccountsList())
        .extracting(Account::getCustomerId)
        .contains("cust-001", "cust-002", "cust-003", "cust-004", "cust-005", "cust-poor")
        .isSorted();
    assertThat(service.queryLong("SELECT posted FROM accounts WHERE customer_id = 'cust-poor'"))
        .isEqualTo(1_000);
  }

  private static Account account(String customerId) {
    return payment.listAccounts(ListAccountsRequest.getDefaultInstance()).getAccountsList().stream()
        .filter(a -> a.getCustomerId().equals(customerId))
        .findFirst()
        .orElseThrow();
  }
}
