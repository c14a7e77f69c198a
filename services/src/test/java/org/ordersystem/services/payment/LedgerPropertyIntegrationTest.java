package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.CheckLedgerRequest;
import org.ordersystem.proto.payment.v1.CheckLedgerResponse;
import org.ordersystem.proto.payment.v1.Leg;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.Authorization;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.services.payment.RandomPayments.Call;
import org.ordersystem.services.payment.RandomPayments.Kind;
import org.ordersystem.services.payment.RandomPayments.PlannedLeg;
import org.ordersystem.services.support.PaymentStack;

/**
 * The ledger's invariants under seeded random interleavings of Try, Confirm, Cancel, Refund and
 * their duplicates, by many threads, over a few shared wallets small enough to run dry: every entry
 * sums to zero, nothing goes negative (watched while it runs), each leg ends in the one state its
 * calls allow with at most its amount refunded, and every wallet ends at its opening minus what was
 * confirmed plus what was refunded, to the yen, agreeing with the provider. Rerun a failure with
 * {@code -Dledger.seed=<seed>} (the interleaving itself still varies with scheduling).
 */
class LedgerPropertyIntegrationTest {

  private static final int THREADS = 8;
  private static final int PAYMENTS = 100;
  private static final long BALANCE = 20_000;
  private static final long POINTS = 6_000;
  private static final List<String> CUSTOMERS = List.of("prop-a", "prop-b", "prop-c");
  private static final Set<String> ALLOWED =
      Set.of(
          "TRY LEG_STATE_AUTHORIZED",
          "TRY LEG_STATE_CAPTURED",
          "TRY FAILED_PRECONDITION PAYMENT_DECLINED",
          "TRY FAILED_PRECONDITION ALREADY_CLOSED",
          "CONFIRM LEG_STATE_CAPTURED",
          "CONFIRM FAILED_PRECONDITION LEG_NOT_AUTHORIZED",
          "CONFIRM FAILED_PRECONDITION ALREADY_CLOSED",
          "CANCEL LEG_STATE_VOIDED",
          "CANCEL FAILED_PRECONDITION ALREADY_CAPTURED",
          "REFUND OK",
          "REFUND FAILED_PRECONDITION LEG_NOT_CAPTURED",
          "REFUND FAILED_PRECONDITION REFUND_EXCEEDED");

  private static PaymentStack stack;
  private static PaymentServiceBlockingStub payment;

  @BeforeAll
  static void start() {
    stack = PaymentStack.start();
    payment = stack.payment();
    CUSTOMERS.forEach(customer -> stack.openWallet(customer, BALANCE, POINTS));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    stack.close();
  }

  @Test
  void shouldKeepTheLedgerBalancedAndEveryWalletExactUnderRandomInterleavings() throws Exception {
    long seed = Long.getLong("ledger.seed", System.nanoTime());
    System.out.println("LedgerPropertyIntegrationTest seed " + seed);
    try {
      run(new RandomPayments(new Random(seed), CUSTOMERS, PAYMENTS));
    } catch (Exception | AssertionError e) {
      throw new AssertionError("ledger property failed with seed " + seed, e);
    }
  }

  private static void run(RandomPayments plan) throws Exception {
    long deadlocksBefore = stack.deadlocks();
    Queue<Call> queue = new ConcurrentLinkedQueue<>(plan.calls);
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    try {
      Future<?> watcher =
          pool.submit(
              () -> {
                watch(running, violations);
                return null;
              });
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> drain(queue)));
      }
      for (Future<?> worker : workers) {
        worker.get(2, TimeUnit.MINUTES);
      }
      running.set(false);
      watcher.get(1, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    assertThat(violations).as("seen while running").isEmpty();
    Map<String, Long> tally = new java.util.TreeMap<>();
    plan.legs.forEach(leg -> leg.answers.forEach(a -> tally.merge(a, 1L, Long::sum)));
    System.out.println(
        plan.legs.size()
            + " legs, "
            + plan.calls.size()
            + " calls, "
            + (stack.deadlocks() - deadlocksBefore)
            + " deadlocks retried: "
            + tally);

    Map<String, Leg> stored = storedLegs(plan);
    for (PlannedLeg leg : plan.legs) {
      assertThat(leg.answers).as("answers of %s", leg).isSubsetOf(ALLOWED);
      checkLeg(leg, stored.get(leg.paymentId + "/" + leg.legId));
    }
    checkWallets(plan, stored);
    stack.assertLedgerClean();

    // Whatever is still held can be released, and then nothing at all is pending.
    for (PlannedLeg leg : plan.legs) {
      Leg last = stored.get(leg.paymentId + "/" + leg.legId);
      if (last != null && last.getState() == LegState.LEG_STATE_AUTHORIZED) {
        payment.voidLeg(
            PaymentRequests.voidLeg(leg.paymentId, leg.legId).toBuilder()
                .setIdempotencyKey(leg.paymentId + ":final-void:" + leg.legId)
                .build());
      }
    }
    for (Account account : accounts()) {
      assertThat(account.getPending() + account.getPointsPending()).as("%s", account).isZero();
    }
    checkWallets(plan, storedLegs(plan));
    stack.assertLedgerClean();
  }

  /** Makes the calls in queue order, and keeps what each answered. */
  private static void drain(Queue<Call> queue) {
    for (Call call = queue.poll(); call != null; call = queue.poll()) {
      String answer = call.make(payment);
      call.leg().answers.add(call.kind() + " " + answer);
      if (call.kind() == Kind.REFUND && answer.equals("OK")) {
        call.leg().refunds.put(call.key(), call.amount());
      }
    }
  }

  /** Audits the ledger and the wallets while the calls run. */
  private static void watch(AtomicBoolean running, Queue<String> violations)
      throws InterruptedException {
    while (running.get()) {
      Thread.sleep(20);
      CheckLedgerResponse check = payment.checkLedger(CheckLedgerRequest.getDefaultInstance());
      if (!check.toBuilder()
          .clearEntries()
          .build()
          .equals(CheckLedgerResponse.getDefaultInstance())) {
        violations.add("ledger audit " + check);
      }
      for (Account account : accounts()) {
        if (account.getAvailable() < 0 || account.getPointsAvailable() < 0) {
          violations.add("negative " + account);
        }
      }
    }
  }

  private static void checkLeg(PlannedLeg leg, Leg stored) {
    boolean tried =
        leg.succeeded(Kind.TRY, LegState.LEG_STATE_AUTHORIZED)
            || leg.succeeded(Kind.TRY, LegState.LEG_STATE_CAPTURED);
    boolean confirmed = leg.succeeded(Kind.CONFIRM, LegState.LEG_STATE_CAPTURED);
    boolean cancelled = leg.succeeded(Kind.CANCEL, LegState.LEG_STATE_VOIDED);
    String where = leg + " stored as " + stored;
    assertThat(confirmed && cancelled).as("both won: %s", where).isFalse();
    LegState state = stored == null ? null : stored.getState();
    assertThat(state == LegState.LEG_STATE_CAPTURED).as(where).isEqualTo(confirmed);
    assertThat(state == LegState.LEG_STATE_VOIDED).as(where).isEqualTo(cancelled);
    // A leg with a record was tried (a barrier has none); an authorized one is still open.
    assertThat(stored != null && !stored.getCustomerId().isEmpty()).as(where).isEqualTo(tried);
    if (tried) {
      assertThat(stored.getAmount()).as(where).isEqualTo(leg.amount);
      assertThat(stored.getSourceType()).as(where).isEqualTo(leg.source);
      assertThat(stored.getRefundedAmount()).as(where).isEqualTo(leg.refunded());
    }
    assertThat(leg.refunded()).as(where).isBetween(0L, confirmed ? leg.amount : 0);
    if (leg.source == SourceType.SOURCE_TYPE_CARD) {
      checkProvider(leg, state, tried, where);
    }
  }

  /** The provider holds, has captured or has released exactly what our record says. */
  private static void checkProvider(PlannedLeg leg, LegState state, boolean tried, String where) {
    Authorization hold;
    try {
      hold = stack.authorizationOf(leg.paymentId, leg.legId);
    } catch (StatusRuntimeException e) {
      assertThat(tried).as("no authorization for %s", where).isFalse();
      return;
    }
    AuthorizationState expected =
        state == LegState.LEG_STATE_CAPTURED
            ? AuthorizationState.AUTHORIZATION_STATE_CAPTURED
            : state == LegState.LEG_STATE_AUTHORIZED
                ? AuthorizationState.AUTHORIZATION_STATE_AUTHORIZED
                : AuthorizationState.AUTHORIZATION_STATE_VOIDED;
    assertThat(hold.getState()).as("provider %s for %s", hold, where).isEqualTo(expected);
    if (state == LegState.LEG_STATE_CAPTURED) {
      assertThat(hold.getCapturedAmount()).as(where).isEqualTo(leg.amount);
      assertThat(hold.getRefundedAmount()).as(where).isEqualTo(leg.refunded());
    }
  }

  /**
   * Each wallet is its opening minus what was captured and not refunded, with what is authorized
   * pending.
   */
  private static void checkWallets(RandomPayments plan, Map<String, Leg> stored) {
    Map<String, long[]> expected = new HashMap<>();
    long card = 0;
    long all = 0;
    for (PlannedLeg leg : plan.legs) {
      Leg last = stored.get(leg.paymentId + "/" + leg.legId);
      LegState state = last == null ? null : last.getState();
      long[] wallet =
          expected.computeIfAbsent(leg.customerId, c -> new long[] {BALANCE, 0, POINTS, 0});
      int slot = leg.source == SourceType.SOURCE_TYPE_POINTS ? 2 : 0;
      if (state == LegState.LEG_STATE_CAPTURED) {
        long kept = leg.amount - leg.refunded();
        all += kept;
        if (leg.source == SourceType.SOURCE_TYPE_CARD) {
          card += kept;
        } else {
          wallet[slot] -= kept;
        }
      } else if (state == LegState.LEG_STATE_AUTHORIZED
          && leg.source != SourceType.SOURCE_TYPE_CARD) {
        wallet[slot + 1] += leg.amount;
      }
    }
    for (Account account : accounts()) {
      long[] wallet =
          expected.getOrDefault(account.getCustomerId(), new long[] {BALANCE, 0, POINTS, 0});
      assertThat(
              new long[] {
                account.getPosted(),
                account.getPending(),
                account.getPointsPosted(),
                account.getPointsPending()
              })
          .as("wallet %s", account)
          .containsExactly(wallet);
    }
    assertThat(stack.systemPosted("CARD_CLEARING")).isEqualTo(-card);
    assertThat(stack.systemPosted("MERCHANT_RECEIVABLE")).isEqualTo(all);
  }

  private static List<Account> accounts() {
    return payment
        .listAccounts(ListAccountsRequest.newBuilder().addAllCustomerIds(CUSTOMERS).build())
        .getAccountsList();
  }

  private static Map<String, Leg> storedLegs(RandomPayments plan) {
    Map<String, Leg> legs = new HashMap<>();
    for (String paymentId : plan.legs.stream().map(leg -> leg.paymentId).distinct().toList()) {
      try {
        for (Leg leg : payment.getPayment(PaymentRequests.get(paymentId)).getLegsList()) {
          legs.put(paymentId + "/" + leg.getLegId(), leg);
        }
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      }
    }
    return Collections.unmodifiableMap(legs);
  }
}
