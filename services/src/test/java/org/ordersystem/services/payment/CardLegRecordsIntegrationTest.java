package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.card;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.payment.v1.CardLeg;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.ListCardLegsRequest;
import org.ordersystem.proto.payment.v1.ListCardLegsResponse;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RecordProviderCaptureRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.support.PaymentStack;

/** What reconciliation reads and corrects in the payment service: card legs, provider captures. */
class CardLegRecordsIntegrationTest {

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

  @AfterEach
  void healthy() {
    stack.clearFaults();
  }

  @Test
  void shouldPostACaptureTheProviderMadeWhileOurCallTimedOutExactlyOnce() {
    String id = paymentId();
    payment.authorizeLeg(card(id, "1", "cust-001", "tok_ok", 6_000));
    long merchant = stack.systemPosted("MERCHANT_RECEIVABLE");
    PaymentStack.setFaults(
        stack.pspService(), Faults.newBuilder().setCommitThenTimeout(true).build());

    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.captureLeg(capture(id)));
    // The provider answers nothing while it times out: its books are read directly.
    assertThat(capturedAtProvider(id)).isEqualTo(6_000);
    Leg leg = payment.getPayment(get(id)).getLegs(0);
    assertThat(leg.getState()).isEqualTo(LegState.LEG_STATE_AUTHORIZED);

    RecordProviderCaptureRequest correction = correction(id, leg.getPspAuthorizationId(), 6_000);
    assertThat(payment.recordProviderCapture(correction).getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);
    assertThat(payment.recordProviderCapture(correction).getState())
        .isEqualTo(LegState.LEG_STATE_CAPTURED);
    // The order's own retry, with the provider still timing out, finds the leg captured.
    assertThat(payment.captureLeg(capture(id)).getState()).isEqualTo(LegState.LEG_STATE_CAPTURED);

    assertThat(stack.systemPosted("MERCHANT_RECEIVABLE") - merchant).isEqualTo(6_000);
    assertThat(capturedAtProvider(id)).isEqualTo(6_000);
    assertThat(
            stack
                .paymentService()
                .queryLong(
                    "SELECT COUNT(*) FROM journal_entries WHERE entry_ref IN (?, ?)",
                    "post:" + id + ":1",
                    "reconciled-post:" + id + ":1"))
        .isEqualTo(1);
  }

  @Test
  void shouldRefuseACorrectionThatDoesNotFitTheLeg() {
    String id = paymentId();
    payment.authorizeLeg(card(id, "1", "cust-001", "tok_ok", 2_000));
    String auth = stack.authorizationOf(id, "1").getAuthorizationId();

    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "PROVIDER_RECORD_MISMATCH",
        () -> payment.recordProviderCapture(correction(id, auth, 1_999)));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "PROVIDER_RECORD_MISMATCH",
        () ->
            payment.recordProviderCapture(
                correction(id, auth, 2_000).toBuilder()
                    .setIdempotencyKey("other-" + id)
                    .setPspAuthorizationId("auth_someone_else")
                    .build()));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "LEG_NOT_AUTHORIZED",
        () ->
            payment.recordProviderCapture(
                correction(paymentId(), auth, 2_000).toBuilder().setLegId("9").build()));
    payment.voidLeg(voidLeg(id, "1"));
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "ALREADY_CLOSED",
        () ->
            payment.recordProviderCapture(
                correction(id, auth, 2_000).toBuilder().setIdempotencyKey("late-" + id).build()));
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () ->
            payment.recordProviderCapture(
                correction(id, auth, 2_000).toBuilder().setCapturedAmount(0).build()));
    assertThat(payment.getPayment(get(id)).getLegs(0).getState())
        .isEqualTo(LegState.LEG_STATE_VOIDED);
  }

  @Test
  void shouldListCardLegsChangedSinceAMomentPageByPage() {
    long since = System.currentTimeMillis() - 1_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = paymentId();
      ids.add(id);
      payment.authorizeLeg(card(id, "2", "cust-002", "tok_ok", 100 + i));
      payment.authorizeLeg(
          PaymentRequests.authorize(id, "1", "cust-002", SourceType.SOURCE_TYPE_BALANCE, 10));
    }
    payment.captureLeg(capture(ids.get(0), "2"));
    payment.voidLeg(voidLeg(ids.get(1), "2"));

    List<CardLeg> listed = new ArrayList<>();
    String token = "";
    do {
      ListCardLegsResponse page =
          payment.listCardLegs(
              ListCardLegsRequest.newBuilder()
                  .setChangedSinceMs(since)
                  .setPageSize(2)
                  .setPageToken(token)
                  .build());
      listed.addAll(page.getLegsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    List<CardLeg> ours = listed.stream().filter(l -> ids.contains(l.getPaymentId())).toList();
    assertThat(ours).hasSize(5).allMatch(l -> l.getLeg().getLegId().equals("2"));
    assertThat(ours)
        .filteredOn(l -> l.getPaymentId().equals(ids.get(0)))
        .singleElement()
        .satisfies(l -> assertThat(l.getLeg().getState()).isEqualTo(LegState.LEG_STATE_CAPTURED));
    assertThat(ours)
        .filteredOn(l -> l.getPaymentId().equals(ids.get(1)))
        .singleElement()
        .satisfies(l -> assertThat(l.getLeg().getState()).isEqualTo(LegState.LEG_STATE_VOIDED));
    assertThat(ours).allMatch(l -> l.getChangedAtMs() >= since && l.getCreatedAtMs() >= since);
    assertThat(
            payment
                .listCardLegs(
                    ListCardLegsRequest.newBuilder()
                        .setChangedSinceMs(System.currentTimeMillis() + 60_000)
                        .build())
                .getLegsList())
        .isEmpty();
    failsWith(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_REQUEST",
        () -> payment.listCardLegs(ListCardLegsRequest.newBuilder().setPageToken("x").build()));
  }

  private static long capturedAtProvider(String id) {
    return stack
        .pspService()
        .queryLong("SELECT captured_amount FROM authorizations WHERE reference = ?", id + ":1");
  }

  private static RecordProviderCaptureRequest correction(
      String id, String authorizationId, long captured) {
    return RecordProviderCaptureRequest.newBuilder()
        .setIdempotencyKey("reconcile:" + id + ":1")
        .setPaymentId(id)
        .setLegId("1")
        .setPspAuthorizationId(authorizationId)
        .setCapturedAmount(captured)
        .build();
  }
}
