package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;
import static org.ordersystem.services.support.StatusAssert.failsWith;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.ServiceErrors;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.payment.v1.VoidLegRequest;
import org.ordersystem.proto.psp.v1.AuthorizationState;
import org.ordersystem.services.support.PaymentStack;

/** Confirm, Cancel and Try racing on real MariaDB: the fence must let exactly one through. */
class PaymentRaceIntegrationTest {

  private static final int ROUNDS = 50;
  private static final int CANCELLERS = 16;
  private static final long AMOUNT = 1_000;
  private static final SourceType[] SOURCES = {
    SourceType.SOURCE_TYPE_BALANCE, SourceType.SOURCE_TYPE_POINTS, SourceType.SOURCE_TYPE_CARD
  };

  private static PaymentStack stack;
  private static PaymentServiceBlockingStub payment;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    stack = PaymentStack.start();
    payment = stack.payment();
    pool = Executors.newFixedThreadPool(CANCELLERS);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    pool.shutdownNow();
    stack.close();
  }

  @Test
  void shouldLetExactlyOneOfConfirmAndCancelWinEveryRound() throws Exception {
    stack.openWallet("race-1", 1_000_000, 1_000_000);
    Account before = stack.account("race-1");
    Map<SourceType, Long> captured = new EnumMap<>(SourceType.class);

    for (int round = 0; round < ROUNDS; round++) {
      SourceType source = SOURCES[round % SOURCES.length];
      String id = paymentId();
      payment.authorizeLeg(authorize(id, "1", "race-1", source, AMOUNT));
      List<String> outcomes =
          race(
              List.of(
                  () -> payment.captureLeg(capture(id)).getState().name(),
                  () -> payment.voidLeg(voidLeg(id)).getState().name()));

      LegState state = payment.getPayment(get(id)).getLegs(0).getState();
      String where = "round " + round + " on " + source + ": " + outcomes;
      if (state == LegState.LEG_STATE_CAPTURED) {
        captured.merge(source, AMOUNT, Long::sum);
        assertThat(outcomes)
            .as(where)
            .containsExactly("LEG_STATE_CAPTURED", "FAILED_PRECONDITION ALREADY_CAPTURED");
      } else {
        assertThat(state).as(where).isEqualTo(LegState.LEG_STATE_VOIDED);
        assertThat(outcomes)
            .as(where)
            .containsExactly("FAILED_PRECONDITION ALREADY_CLOSED", "LEG_STATE_VOIDED");
      }
      if (source == SourceType.SOURCE_TYPE_CARD) {
        assertThat(stack.authorizationOf(id, "1").getState())
            .as(where)
            .isEqualTo(
                state == LegState.LEG_STATE_CAPTURED
                    ? AuthorizationState.AUTHORIZATION_STATE_CAPTURED
                    : AuthorizationState.AUTHORIZATION_STATE_VOIDED);
      }
    }

    Account after = stack.account("race-1");
    assertThat(after.getPosted())
        .isEqualTo(before.getPosted() - captured.getOrDefault(SourceType.SOURCE_TYPE_BALANCE, 0L));
    assertThat(after.getPointsPosted())
        .isEqualTo(
            before.getPointsPosted() - captured.getOrDefault(SourceType.SOURCE_TYPE_POINTS, 0L));
    assertThat(after.getPending()).isZero();
    assertThat(after.getPointsPending()).isZero();
    assertThat(stack.systemPosted("CARD_CLEARING"))
        .isEqualTo(-captured.getOrDefault(SourceType.SOURCE_TYPE_CARD, 0L));
    stack.assertLedgerClean();
  }

  @Test
  void shouldBarEveryLegWhenManyEmptyCancelsArriveAtOnceWithoutDeadlock() throws Exception {
    long deadlocksBefore = stack.deadlocks();
    for (int leg = 0; leg < 10; leg++) {
      String id = paymentId();
      SourceType source = SOURCES[leg % SOURCES.length];
      List<Callable<String>> cancels = new ArrayList<>();
      for (int t = 0; t < CANCELLERS; t++) {
        // Half replay one key, half bring keys of their own: both collisions must be harmless.
        VoidLegRequest request =
            t % 2 == 0 ? voidLeg(id) : voidLeg(id).toBuilder().setIdempotencyKey(id + t).build();
        cancels.add(() -> payment.voidLeg(request).getState().name());
      }

      assertThat(race(cancels)).as("payment %s", id).containsOnly("LEG_STATE_VOIDED");
      failsWith(
          Status.Code.FAILED_PRECONDITION,
          "ALREADY_CLOSED",
          () -> payment.authorizeLeg(authorize(id, "1", "cust-001", source, AMOUNT)));
      assertThat(stack.authorizationOf(id, "1").getState())
          .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
    }
    assertThat(stack.deadlocks() - deadlocksBefore).as("InnoDB deadlocks").isZero();
    stack.assertLedgerClean();
  }

  @Test
  void shouldNeverLeaveAHangingReservationWhenCancelRacesTry() throws Exception {
    stack.openWallet("race-2", 1_000_000, 1_000_000);
    Account before = stack.account("race-2");

    for (int round = 0; round < ROUNDS; round++) {
      SourceType source = SOURCES[round % SOURCES.length];
      String id = paymentId();
      List<String> outcomes =
          race(
              List.of(
                  () ->
                      payment
                          .authorizeLeg(authorize(id, "1", "race-2", source, AMOUNT))
                          .getState()
                          .name(),
                  () -> payment.voidLeg(voidLeg(id)).getState().name()));

      // Either the Cancel came first and left a barrier, or it voided the reservation: the leg
      // ends VOIDED either way, and nothing stays held, here or at the provider.
      String where = "round " + round + " on " + source + ": " + outcomes;
      assertThat(outcomes.get(0))
          .as(where)
          .isIn("LEG_STATE_AUTHORIZED", "FAILED_PRECONDITION ALREADY_CLOSED");
      assertThat(outcomes.get(1)).as(where).isEqualTo("LEG_STATE_VOIDED");
      assertThat(payment.getPayment(get(id)).getLegs(0).getState())
          .isEqualTo(LegState.LEG_STATE_VOIDED);
      if (source == SourceType.SOURCE_TYPE_CARD) {
        assertThat(stack.authorizationOf(id, "1").getState())
            .as(where)
            .isEqualTo(AuthorizationState.AUTHORIZATION_STATE_VOIDED);
      }
    }
    assertThat(stack.account("race-2")).isEqualTo(before);
    stack.assertLedgerClean();
  }

  /** Starts the calls together and returns each one's state, or its status code and reason. */
  private static List<String> race(List<Callable<String>> calls) throws Exception {
    CyclicBarrier start = new CyclicBarrier(calls.size());
    List<Future<String>> futures = new ArrayList<>();
    for (Callable<String> call : calls) {
      futures.add(
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return outcome(call);
              }));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> future : futures) {
      outcomes.add(future.get(30, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private static String outcome(Callable<String> call) throws Exception {
    try {
      return call.call();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() + " " + ServiceErrors.reasonOf(e).orElse("");
    }
  }
}
