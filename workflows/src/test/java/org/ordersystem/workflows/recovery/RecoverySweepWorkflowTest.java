package org.ordersystem.workflows.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.PendingInfo;

/** The sweep's decisions and its bound on concurrent recoveries, against mocked activities. */
class RecoverySweepWorkflowTest {

  private static final int K = 4;

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private Worker worker;
  private RecoveryActivities recovery;
  private NotificationActivities notifications;

  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.worker = worker;
    recovery = mock(RecoveryActivities.class, withSettings().withoutAnnotations());
    notifications = mock(NotificationActivities.class, withSettings().withoutAnnotations());
    worker.registerWorkflowImplementationTypes(RecoverySweepWorkflowImpl.class);
    worker.registerActivitiesImplementations(recovery, notifications);
    env.start();
  }

  @Test
  void shouldNeverRunMoreThanKRecoveriesAtOnceWith100PendingOrders() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    List<SweepCandidate> candidates = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      candidates.add(pending("ord-" + i, "STEP_TIMED_OUT", now.minus(Duration.ofHours(1))));
    }
    when(recovery.findCandidates(any())).thenReturn(candidates);
    when(recovery.recover(any()))
        .thenAnswer(
            call -> {
              int now2 = running.incrementAndGet();
              peak.accumulateAndGet(now2, Math::max);
              Thread.sleep(20); // an order settling
              running.decrementAndGet();
              RecoveryCommand command = call.getArgument(0);
              return new RecoveryOutcome(command.orderId(), OrderStatus.COMPLETED, null, null);
            });

    SweepSummary summary = sweep();

    assertThat(peak.get()).isLessThanOrEqualTo(K);
    assertThat(summary.peakConcurrency()).isBetween(2, K);
    assertThat(summary.examined()).isEqualTo(100);
    assertThat(summary.retried()).isEqualTo(100);
    assertThat(summary.completed()).isEqualTo(100);
    assertThat(summary.reported()).isZero();
    verify(recovery).recordSweep(summary);
    verify(notifications).send(argThat(n -> n.type() == NotificationType.SWEEP_SUMMARY));
    verify(notifications, never())
        .send(argThat(n -> n.type() == NotificationType.ORDER_UNRESOLVED));
  }

  @Test
  void shouldDecideEachOrderByItsReasonAndReportWhatItCannotResolve() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    SweepCandidate fresh = pending("ord-fresh", "STEP_TIMED_OUT", now);
    SweepCandidate due = pending("ord-due", "STEP_TIMED_OUT", now.minus(Duration.ofHours(1)));
    SweepCandidate broken = pending("ord-broken", "CARRIER_CONTRACT_MISSING", now);
    SweepCandidate captured =
        new SweepCandidate(
            "ord-captured",
            "shop-1",
            OrderStatus.PENDING,
            OrderStep.COMMIT_STOCK,
            new PendingInfo(OrderStep.COMMIT_STOCK, "NOT_RESERVED", "gone", now, 1, false),
            now,
            now);
    SweepCandidate stale =
        new SweepCandidate(
            "ord-stale",
            "shop-1",
            OrderStatus.CREATING,
            OrderStep.REGISTER_SHIPPING,
            null,
            now.minus(Duration.ofHours(3)),
            now.minus(Duration.ofHours(2)));
    when(recovery.findCandidates(any())).thenReturn(List.of(fresh, due, broken, captured, stale));
    when(recovery.inspect("ord-stale")).thenReturn(WorkflowLiveness.NOT_FOUND);
    when(recovery.recover(any()))
        .thenAnswer(
            call -> {
              RecoveryCommand command = call.getArgument(0);
              return command.orderId().equals("ord-due")
                  ? new RecoveryOutcome("ord-due", OrderStatus.COMPLETED, null, null)
                  : new RecoveryOutcome(command.orderId(), OrderStatus.CANCELLED, null, null);
            });

    SweepSummary summary = sweep();

    assertThat(summary.items())
        .extracting(SweepItem::orderId, SweepItem::decision, SweepItem::outcome)
        .containsExactly(
            tuple("ord-fresh", SweepDecision.WAIT, null),
            tuple("ord-due", SweepDecision.RETRY, OrderStatus.COMPLETED),
            tuple("ord-broken", SweepDecision.ROLLBACK, OrderStatus.CANCELLED),
            tuple("ord-captured", SweepDecision.REPORT, null),
            tuple("ord-stale", SweepDecision.REPORT, null));
    assertThat(summary.waiting()).isEqualTo(1);
    assertThat(summary.completed()).isEqualTo(1);
    assertThat(summary.rolledBack()).isEqualTo(1);
    assertThat(summary.reported()).isEqualTo(2);
    verify(recovery)
        .recover(
            argThat(
                c ->
                    c.orderId().equals("ord-broken")
                        && c.decision() == SweepDecision.ROLLBACK
                        && c.request()
                            .requestedBy()
                            .equals(RecoverySweepWorkflowImpl.REQUESTED_BY)));
    verify(recovery, never()).recover(argThat(c -> c.orderId().equals("ord-captured")));
    verify(notifications)
        .send(
            argThat(
                n ->
                    n.type() == NotificationType.ORDER_UNRESOLVED
                        && n.orderId().equals("ord-stale")
                        && n.detail().contains("unknown to the server")));
    verify(notifications)
        .send(
            argThat(
                n ->
                    n.type() == NotificationType.ORDER_UNRESOLVED
                        && n.orderId().equals("ord-captured")));
  }

  @Test
  void shouldReportARecoveryThatFailedForGood() {
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    when(recovery.findCandidates(any()))
        .thenReturn(List.of(pending("ord-1", "CARRIER_CONTRACT_MISSING", now)));
    when(recovery.recover(any()))
        .thenThrow(
            io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                "update refused by a bug", "IllegalStateException"));

    SweepSummary summary = sweep();

    assertThat(summary.reported()).isEqualTo(1);
    assertThat(summary.items().get(0).refusal()).startsWith("RECOVERY_FAILED");
  }

  private SweepSummary sweep() {
    RecoverySweepWorkflow workflow =
        client.newWorkflowStub(
            RecoverySweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecoverySweepWorkflow.ID_PREFIX + "test")
                .setTaskQueue(worker.getTaskQueue())
                .build());
    return workflow.sweep(new SweepRequest("manual:test", settings()));
  }

  static RecoverySettings settings() {
    return new RecoverySettings(
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        K,
        5,
        Duration.ofMinutes(1),
        Duration.ofMinutes(30),
        Duration.ofDays(1),
        500);
  }

  private static SweepCandidate pending(String orderId, String reason, Instant since) {
    return new SweepCandidate(
        orderId,
        "shop-1",
        OrderStatus.PENDING,
        OrderStep.REGISTER_SHIPPING,
        new PendingInfo(OrderStep.REGISTER_SHIPPING, reason, "it failed", since, 1, true),
        since.minus(Duration.ofMinutes(10)),
        since);
  }
}
