package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.captured;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.refund;
import static org.ordersystem.services.support.PaymentStack.setFaults;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.faults.v1.Faults;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.support.PaymentStack;

/**
 * Refunds through outages and lost answers of the payment service and the provider: a retry with
 * the same key completes the refund, and nothing is returned twice.
 */
class LegRefundFaultIntegrationTest {

  private static final Faults COMMIT_THEN_TIMEOUT =
      Faults.newBuilder().setCommitThenTimeout(true).build();
  private static final Faults OUTAGE = Faults.newBuilder().setOutage(true).build();

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
  void shouldReplayARefundWhoseAnswerWasLostAfterItCommitted(SourceType source) {
    String id = captured(payment, "cust-001", source, 4_000);
    Account before = stack.account("cust-001");
    RefundLegRequest request = refund(id, "1", "r1", 1_500);

    setFaults(stack.paymentService(), COMMIT_THEN_TIMEOUT);
    failsWith(Status.Code.DEADLINE_EXCEEDED, () -> payment.refundLeg(request));
    stack.clearFaults();

    assertThat(payment.refundLeg(request).getRefundedAmount()).isEqualTo(1_500);
    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isEqualTo(1_500);
    Account after = stack.account("cust-001");
    long total = after.getPosted() + after.getPointsPosted();
    long back = source == SourceType.SOURCE_TYPE_CARD ? 0 : 1_500;
    assertThat(total).isEqualTo(before.getPosted() + before.getPointsPosted() + back);
    if (source == SourceType.SOURCE_TYPE_CARD) {
      assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(1_500);
    }
    stack.assertLedgerClean();
  }

  @Test
  void shouldCompleteACardRefundOnceTheProviderIsBack() {
    String id = captured(payment, "cust-002", SourceType.SOURCE_TYPE_CARD, 6_000);
    RefundLegRequest request = refund(id, "1", "r1", 2_000);

    setFaults(stack.pspService(), OUTAGE);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.refundLeg(request));
    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isZero();
    stack.clearFaults();

    assertThat(payment.refundLeg(request).getRefundedAmount()).isEqualTo(2_000);
    assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(2_000);
  }

  @Test
  void shouldNotRefundACardTwiceWhenTheProvidersAnswerWasLost() {
    String id = captured(payment, "cust-002", SourceType.SOURCE_TYPE_CARD, 6_000);
    RefundLegRequest request = refund(id, "1", "r1", 2_500);

    setFaults(stack.pspService(), COMMIT_THEN_TIMEOUT);
    failsWith(Status.Code.UNAVAILABLE, "PSP_UNAVAILABLE", () -> payment.refundLeg(request));
    stack.clearFaults();
    assertThat(stack.authorizationOf(id, "1").getRefundedAmount())
        .as("refunded at the provider, not yet in our ledger")
        .isEqualTo(2_500);
    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isZero();

    assertThat(payment.refundLeg(request).getRefundedAmount()).isEqualTo(2_500);
    assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(2_500);
    stack.assertLedgerClean();
  }

  @Test
  void shouldCompleteEveryRefundExactlyOnceThroughFlakyServicesWhenRetriedWithItsKey() {
    List<String> ids = new ArrayList<>();
    SourceType[] sources = SourceType.values();
    for (int i = 0; i < 9; i++) {
      ids.add(captured(payment, "cust-003", sources[1 + i % 3], 2_000));
    }
    Account before = stack.account("cust-003");
    Faults flaky = Faults.newBuilder().setErrorRate(0.5).build();
    setFaults(stack.paymentService(), flaky);
    setFaults(stack.pspService(), flaky);

    int failures = 0;
    for (String id : ids) {
      for (String refundId : List.of("r1", "r2")) {
        RefundLegRequest request = refund(id, "1", refundId, 700);
        for (int attempt = 1; ; attempt++) {
          try {
            assertThat(payment.refundLeg(request).getPaymentId()).isEqualTo(id);
            break;
          } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(attempt).as("attempts of %s", request).isLessThan(60);
            failures++;
          }
        }
      }
    }
    stack.clearFaults();

    assertThat(failures).as("faults injected").isPositive();
    for (String id : ids) {
      assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isEqualTo(1_400);
    }
    for (int i = 2; i < ids.size(); i += 3) {
      assertThat(stack.authorizationOf(ids.get(i), "1").getRefundedAmount()).isEqualTo(1_400);
    }
    Account after = stack.account("cust-003");
    assertThat(after.getPosted()).isEqualTo(before.getPosted() + 3 * 1_400);
    assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted() + 3 * 1_400);
    stack.assertLedgerClean();
  }
}
