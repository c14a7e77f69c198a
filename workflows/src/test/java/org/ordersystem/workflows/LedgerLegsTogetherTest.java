package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.SourceType;

/**
 * BALANCE and POINTS legs are tried together, and captured together ({@link PaymentTcc}); the card
 * still waits for both, and a stall of both makes the order PENDING once.
 */
class LedgerLegsTogetherTest extends OrderWorkflowTestBase {

  @Test
  void shouldTryBalanceAndPointsAtTheSameTime() throws Exception {
    CountDownLatch bothInFlight = new CountDownLatch(2);
    AtomicBoolean together = new AtomicBoolean(true);
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              if (input.source().type() != SourceType.CARD) {
                bothInFlight.countDown();
                // Sequential Tries would leave this one alone here until the wait gives up.
                together.compareAndSet(true, bothInFlight.await(5, TimeUnit.SECONDS));
              }
              return authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());

    OrderView order = place(Orders.paidByCardBalanceAndPoints("tok_ok"));

    assertThat(together).isTrue();
    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    assertHistoryReplays();
  }

  @Test
  void shouldPendOnceWhenBothLedgerLegsStallAndFinishBothAfterOneRetry() throws Exception {
    AtomicBoolean paymentBack = new AtomicBoolean();
    doAnswer(
            call -> {
              AuthorizeLegInput input = call.getArgument(0);
              if (input.source().type() != SourceType.CARD && !paymentBack.get()) {
                throw transientFailure();
              }
              return authorized(input);
            })
        .when(payment)
        .authorizeLeg(any());
    OrderWorkflow workflow = start(Orders.paidByCardBalanceAndPoints("tok_ok"));

    OrderView pending = awaitPending(workflow);
    assertThat(pending.step()).isEqualTo(OrderStep.AUTHORIZE_PAYMENT);
    assertThat(pending.pending().attempts()).isEqualTo(1);
    paymentBack.set(true);
    OrderView order = workflow.retryPending(operator("payment is back"));

    assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order.legs()).extracting(PaymentLeg::state).containsOnly(LegState.CAPTURED);
    // One PENDING, told once: the stalled second leg waited for the same decision.
    verify(notifications, times(1)).send(any());
    verify(payment, times(1))
        .authorizeLeg(argThat(input -> input.source().type() == SourceType.CARD));
    assertHistoryReplays();
  }
}
