package org.ordersystem.services.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.services.payment.PaymentRequests.authorize;
import static org.ordersystem.services.payment.PaymentRequests.capture;
import static org.ordersystem.services.payment.PaymentRequests.get;
import static org.ordersystem.services.payment.PaymentRequests.paymentId;
import static org.ordersystem.services.payment.PaymentRequests.voidLeg;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.payment.v1.LegState;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.services.support.InProcessService;

/** Confirm and Cancel racing on the same legs: the fence must let exactly one through. */
class PaymentRaceIntegrationTest {

  private static final int LEGS = 40;
  private static final long AMOUNT = 1_000;

  private static InProcessService<PaymentServer> service;
  private static PaymentServiceBlockingStub payment;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    service = InProcessService.start("payment", PaymentServer::new);
    payment = PaymentServiceGrpc.newBlockingStub(service.channel());
    pool = Executors.newFixedThreadPool(16);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    pool.shutdownNow();
    service.close();
  }

  @Test
  void shouldLetExactlyOneOfCaptureAndVoidWinOnEveryLeg() throws Exception {
    service.execute(
        "INSERT INTO accounts (customer_id, posted, pending) VALUES ('race-1', 1000000, 0)");
    List<String> payments = new ArrayList<>();
    List<Callable<String>> racers = new ArrayList<>();
    for (int i = 0; i < LEGS; i++) {
      String id = paymentId();
      payments.add(id);
      payment.authorizeLeg(authorize(id, "race-1", AMOUNT));
      racers.add(() -> outcome(() -> payment.captureLeg(capture(id)).getState().name()));
      racers.add(() -> outcome(() -> payment.voidLeg(voidLeg(id)).getState().name()));
    }

    List<String> outcomes = new ArrayList<>();
    for (Future<String> outcome : pool.invokeAll(racers)) {
      outcomes.add(outcome.get());
    }

    int captured = 0;
    for (int i = 0; i < LEGS; i++) {
      String captureOutcome = outcomes.get(2 * i);
      String voidOutcome = outcomes.get(2 * i + 1);
      LegState state = payment.getPayment(get(payments.get(i))).getLegs(0).getState();
      if (state == LegState.LEG_STATE_CAPTURED) {
        captured++;
        assertThat(captureOutcome).isEqualTo("LEG_STATE_CAPTURED");
        assertThat(voidOutcome).isEqualTo("FAILED_PRECONDITION ALREADY_CAPTURED");
      } else {
        assertThat(state).isEqualTo(LegState.LEG_STATE_VOIDED);
        assertThat(voidOutcome).isEqualTo("LEG_STATE_VOIDED");
        assertThat(captureOutcome).isEqualTo("FAILED_PRECONDITION ALREADY_CLOSED");
      }
    }
    assertThat(posted("race-1")).isEqualTo(1_000_000 - captured * AMOUNT);
    assertThat(pending("race-1")).isZero();
  }

  @Test
  void shouldNeverLeaveAHangingAuthorizationWhenVoidRacesAuthorize() throws Exception {
    service.execute(
        "INSERT INTO accounts (customer_id, posted, pending) VALUES ('race-2', 1000000, 0)");
    List<String> payments = new ArrayList<>();
    List<Callable<String>> racers = new ArrayList<>();
    for (int i = 0; i < LEGS; i++) {
      String id = paymentId();
      payments.add(id);
      racers.add(
          () ->
              outcome(
                  () -> payment.authorizeLeg(authorize(id, "race-2", AMOUNT)).getState().name()));
      racers.add(() -> outcome(() -> payment.voidLeg(voidLeg(id)).getState().name()));
    }

    List<String> outcomes = new ArrayList<>();
    for (Future<String> outcome : pool.invokeAll(racers)) {
      outcomes.add(outcome.get());
    }

    for (int i = 0; i < LEGS; i++) {
      // Either the void came first and left a barrier, or it voided the authorization: the leg
      // ends VOIDED either way, and no money stays held.
      assertThat(outcomes.get(2 * i))
          .isIn("LEG_STATE_AUTHORIZED", "FAILED_PRECONDITION ALREADY_CLOSED");
      assertThat(outcomes.get(2 * i + 1)).isEqualTo("LEG_STATE_VOIDED");
      assertThat(payment.getPayment(get(payments.get(i))).getLegs(0).getState())
          .isEqualTo(LegState.LEG_STATE_VOIDED);
    }
    assertThat(posted("race-2")).isEqualTo(1_000_000);
    assertThat(pending("race-2")).isZero();
  }

  private static String outcome(Callable<String> call) throws Exception {
    try {
      return call.call();
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      String description = String.valueOf(status.getDescription());
      return status.getCode()
          + " "
          + description.substring(0, Math.max(0, description.indexOf(':')));
    }
  }

  private static long posted(String customerId) {
    return service.queryLong("SELECT posted FROM accounts WHERE customer_id = ?", customerId);
  }

  private static long pending(String customerId) {
    return service.queryLong("SELECT pending FROM accounts WHERE customer_id = ?", customerId);
  }
}
