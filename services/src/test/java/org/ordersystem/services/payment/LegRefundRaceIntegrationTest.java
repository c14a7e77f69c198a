package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.captured;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.refund;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.RefundLegRequest;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.services.support.PaymentStack;

/**
 * Many refunds of one leg at once, each sent twice: together they never return more than the leg
 * captured, to the yen, and the wallet, the provider and the ledger agree on what was returned.
 */
class LegRefundRaceIntegrationTest {

  private static final int THREADS = 16;
  private static final int REFUNDS_PER_THREAD = 4;
  private static final long CAPTURED = 20_000;

  private static PaymentStack stack;
  private static PaymentServiceBlockingStub payment;

  @BeforeAll
  static void start() {
    stack = PaymentStack.start();
    payment = stack.payment();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    stack.close();
  }

  @ParameterizedTest
  @EnumSource(names = {"SOURCE_TYPE_BALANCE", "SOURCE_TYPE_POINTS", "SOURCE_TYPE_CARD"})
  void shouldNeverRefundMoreThanWasCapturedUnderConcurrentRefunds(SourceType source)
      throws Exception {
    String id = captured(payment, "cust-001", source, CAPTURED);
    Account before = stack.account("cust-001");
    long deadlocksBefore = stack.deadlocks();
    Map<String, Long> accepted = new ConcurrentHashMap<>();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(
          () -> {
            for (int i = 0; i < REFUNDS_PER_THREAD; i++) {
              long amount = ThreadLocalRandom.current().nextLong(100, 900);
              RefundLegRequest request = refund(id, "1", "t" + thread + "-" + i, amount);
              for (int copy = 0; copy < 2; copy++) {
                try {
                  long total = payment.refundLeg(request).getRefundedAmount();
                  assertThat(total).isBetween(amount, CAPTURED);
                  accepted.put(request.getIdempotencyKey(), amount);
                } catch (StatusRuntimeException e) {
                  assertThat(ServiceErrors.reasonOf(e)).contains("REFUND_EXCEEDED");
                  assertThat(accepted).doesNotContainKey(request.getIdempotencyKey());
                }
              }
            }
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (Future<Void> result : pool.invokeAll(tasks)) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }

    long refunded = accepted.values().stream().mapToLong(Long::longValue).sum();
    assertThat(refunded).isBetween(1L, CAPTURED);
    assertThat(payment.getPayment(get(id)).getLegs(0).getRefundedAmount()).isEqualTo(refunded);
    assertSourceGot(source, id, before, refunded);
    assertThat(stack.deadlocks() - deadlocksBefore).as("deadlocks").isZero();
    stack.assertLedgerClean();

    // What is left can still be refunded, exactly, and not a yen more.
    if (refunded < CAPTURED) {
      payment.refundLeg(refund(id, "1", "rest", CAPTURED - refunded));
    }
    failsWith(
        Status.Code.FAILED_PRECONDITION,
        "REFUND_EXCEEDED",
        () -> payment.refundLeg(refund(id, "1", "one-more", 1)));
    assertSourceGot(source, id, before, CAPTURED);
    stack.assertLedgerClean();
  }

  private static void assertSourceGot(SourceType source, String id, Account before, long amount) {
    Account after = stack.account("cust-001");
    switch (source) {
      case SOURCE_TYPE_BALANCE ->
          assertThat(after.getPosted()).isEqualTo(before.getPosted() + amount);
      case SOURCE_TYPE_POINTS ->
          assertThat(after.getPointsPosted()).isEqualTo(before.getPointsPosted() + amount);
      default -> {
        assertThat(after).isEqualTo(before);
        assertThat(stack.authorizationOf(id, "1").getRefundedAmount()).isEqualTo(amount);
      }
    }
  }
}
