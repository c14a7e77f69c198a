package org.ordersystem.workflows.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;
import static org.ordersystem.workflows.reconciliation.ClassifierTest.ours;
import static org.ordersystem.workflows.reconciliation.ClassifierTest.provider;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.ordersystem.workflows.activities.NotificationActivities;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.Notification;
import org.ordersystem.workflows.recovery.NotificationType;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.SweepDecision;

/** A run's decisions and corrections, and the timer loop, on the time-skipping test server. */
class ReconciliationWorkflowTest {

  static final String ORDER = "order-7";
  static final String REF = ORDER + ":1";
  static final ReconciliationSettings SETTINGS =
      new ReconciliationSettings(
          Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(2), 10, 50);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  TestWorkflowEnvironment env;
  WorkflowClient client;
  Worker worker;
  ReconciliationActivities recon;
  NotificationActivities notifications;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    this.env = env;
    this.client = client;
    this.worker = worker;
    recon = mock(ReconciliationActivities.class, withSettings().withoutAnnotations());
    notifications = mock(NotificationActivities.class, withSettings().withoutAnnotations());
    when(recon.ingestProviderEvents(anyInt())).thenReturn(new IngestResult(4, 2, 2, 1, true));
    when(recon.findPendingPayments(anyInt())).thenReturn(List.of());
    worker.registerWorkflowImplementationTypes(
        ReconciliationWorkflowImpl.class, ReconciliationLoopWorkflowImpl.class);
    worker.registerActivitiesImplementations(recon, notifications);
    env.start();
  }

  @Test
  void shouldPostTheProviderCaptureThenRetryTheOrderPendingAtCapture() {
    Mismatch m =
        mismatch(
            MismatchClass.MISSING_INTERNAL,
            provider(ProviderState.CAPTURED, 5_000, 5_000, 0),
            ours(LegState.AUTHORIZED, 5_000, 0));
    when(recon.compare(any())).thenReturn(found(m), agreeing(1));
    when(recon.inspectOrder(ORDER)).thenReturn(pending(OrderStep.CAPTURE_PAYMENT));
    when(recon.tellOrder(any()))
        .thenReturn(new RecoveryOutcome(ORDER, OrderStatus.COMPLETED, null, null));

    ReconciliationSummary summary = run();

    InOrder order = inOrder(recon);
    order
        .verify(recon)
        .recordProviderCapture(
            new LegCorrection("reconcile:record-capture:" + REF, ORDER, "1", "auth_1", 5_000));
    ArgumentCaptor<RecoveryCommand> told = ArgumentCaptor.forClass(RecoveryCommand.class);
    order.verify(recon).tellOrder(told.capture());
    assertThat(told.getValue().decision()).isEqualTo(SweepDecision.RETRY);
    assertThat(told.getValue().request().requestedBy()).isEqualTo("reconciliation");
    verify(recon, never()).refundAtProvider(any());
    verify(recon, never()).refundLeg(any());
    assertThat(summary.autoResolved()).isEqualTo(1);
    assertThat(summary.ordersTold()).isEqualTo(1);
    assertThat(summary.open()).isZero();
    assertThat(summary.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.action()).isEqualTo(ResolutionAction.RECORD_CAPTURE_THEN_RETRY);
              assertThat(i.outcome()).isEqualTo("order COMPLETED");
            });
    verify(recon).noteAction(anyLong(), anyString());
    verify(recon).recordRun(summary);
    verify(notifications, never()).send(any());
  }

  /**
   * One correction per row: what the provider has, what we have and where the order stands decide
   * which call puts the money right, with a key derived from the mismatch, so a rerun repeats it.
   */
  static Stream<Arguments> corrections() {
    return Stream.of(
        Arguments.of(
            "a provider capture that no order is behind: refunded at the provider",
            mismatch(
                MismatchClass.MISSING_INTERNAL,
                provider(ProviderState.CAPTURED, 3_000, 3_000, 0),
                null),
            OrderFacts.notFound(ORDER),
            (Correction)
                (recon, order) ->
                    order
                        .verify(recon)
                        .refundAtProvider(
                            new LegCorrection(
                                "reconcile:refund-at-provider:11", ORDER, "1", "auth_1", 3_000))),
        Arguments.of(
            "a capture whose order was cancelled while we held the authorization: posted, then"
                + " refunded",
            mismatch(
                MismatchClass.MISSING_INTERNAL,
                provider(ProviderState.CAPTURED, 2_000, 2_000, 0),
                ours(LegState.AUTHORIZED, 2_000, 0)),
            new OrderFacts(ORDER, false, false, OrderStatus.CANCELLED, OrderStep.CAPTURE_PAYMENT),
            (Correction)
                (recon, order) -> {
                  order.verify(recon).recordProviderCapture(any());
                  order
                      .verify(recon)
                      .refundLeg(
                          new LegCorrection("reconcile:refund:11", ORDER, "1", "auth_1", 2_000));
                }),
        Arguments.of(
            "a hold whose order was rejected: voided at the provider",
            mismatch(
                MismatchClass.STATUS_MISMATCH,
                provider(ProviderState.AUTHORIZED, 800, 0, 0),
                ours(LegState.VOIDED, 800, 0)),
            new OrderFacts(ORDER, true, false, OrderStatus.REJECTED, OrderStep.AUTHORIZE_PAYMENT),
            (Correction)
                (recon, order) ->
                    order
                        .verify(recon)
                        .voidAtProvider(
                            new LegCorrection(
                                "reconcile:void-at-provider:" + REF, ORDER, "1", "auth_1", 0))));
  }

  /** The calls a correction must make, in order. */
  interface Correction {
    void verify(ReconciliationActivities recon, InOrder order);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corrections")
  void shouldPutTheMoneyRightWithoutTellingTheOrder(
      String why, Mismatch m, OrderFacts order, Correction expected) {
    when(recon.compare(any())).thenReturn(found(m), agreeing(1));
    when(recon.inspectOrder(ORDER)).thenReturn(order);

    ReconciliationSummary summary = run();

    expected.verify(recon, inOrder(recon));
    verify(recon, never()).tellOrder(any());
    assertThat(summary.autoResolved()).isEqualTo(1);
    assertThat(summary.open()).isZero();
  }

  @Test
  void shouldTellAnOrderPendingAtAuthorizationWhatTheProviderHas() {
    when(recon.compare(any())).thenReturn(agreeing(0));
    when(recon.findPendingPayments(anyInt()))
        .thenReturn(
            List.of(
                new PendingPayment(
                    "order-a",
                    OrderStep.AUTHORIZE_PAYMENT,
                    "order-a:3",
                    provider(ProviderState.AUTHORIZED, 900, 0, 0),
                    null),
                new PendingPayment(
                    "order-b", OrderStep.AUTHORIZE_PAYMENT, "order-b:3", null, null)));
    when(recon.tellOrder(any()))
        .thenReturn(new RecoveryOutcome("x", OrderStatus.COMPLETED, null, null));

    ReconciliationSummary summary = run();

    ArgumentCaptor<RecoveryCommand> told = ArgumentCaptor.forClass(RecoveryCommand.class);
    verify(recon, times(2)).tellOrder(told.capture());
    assertThat(told.getAllValues())
        .extracting(RecoveryCommand::orderId, RecoveryCommand::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-a", SweepDecision.RETRY),
            org.assertj.core.groups.Tuple.tuple("order-b", SweepDecision.ROLLBACK));
    assertThat(summary.ordersTold()).isEqualTo(2);
  }

  @Test
  void shouldNotRollBackWhileTheProviderEventsAreNotAllIn() {
    when(recon.ingestProviderEvents(anyInt())).thenReturn(new IngestResult(10, 10, 0, 10, false));
    when(recon.compare(any())).thenReturn(agreeing(0));
    when(recon.findPendingPayments(anyInt()))
        .thenReturn(
            List.of(
                new PendingPayment(
                    "order-b", OrderStep.AUTHORIZE_PAYMENT, "order-b:3", null, null)));

    ReconciliationSummary summary = run();

    verify(recon, never()).tellOrder(any());
    assertThat(summary.items())
        .extracting(ReconciliationItem::action)
        .containsExactly(ResolutionAction.WAIT);
  }

  @Test
  void shouldReportWhatItMayNotCorrectOnceAndLeaveItOpen() {
    Mismatch m =
        mismatch(
            MismatchClass.AMOUNT_MISMATCH,
            provider(ProviderState.CAPTURED, 5_000, 5_000, 1_000),
            ours(LegState.CAPTURED, 5_000, 0));
    when(recon.compare(any())).thenReturn(found(m));
    when(recon.inspectOrder(ORDER))
        .thenReturn(new OrderFacts(ORDER, true, true, OrderStatus.COMPLETED, OrderStep.COMPLETED));

    ReconciliationSummary summary = run();

    ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
    verify(notifications).send(sent.capture());
    assertThat(sent.getValue().type()).isEqualTo(NotificationType.RECONCILIATION_MISMATCH);
    assertThat(sent.getValue().notificationId()).isEqualTo("reconciliation-mismatch-11");
    assertThat(sent.getValue().orderId()).isEqualTo(ORDER);
    assertThat(sent.getValue().detail()).contains("AMOUNT_MISMATCH", REF, "REPORT");
    verify(recon).markNotified(11);
    verify(recon, times(1)).compare(any()); // nothing was touched, so no second comparison
    assertThat(summary.open()).isEqualTo(1);

    Mismatch notified = withNotified(m);
    when(recon.compare(any())).thenReturn(found(notified));
    run();
    verify(notifications, times(1)).send(any());
  }

  @Test
  void shouldKeepAFailedCorrectionOpenRecordItAndReportIt() {
    Mismatch m =
        mismatch(
            MismatchClass.MISSING_INTERNAL,
            provider(ProviderState.CAPTURED, 3_000, 3_000, 0),
            null);
    when(recon.compare(any())).thenReturn(found(m), found(m));
    when(recon.inspectOrder(ORDER)).thenReturn(OrderFacts.notFound(ORDER));
    doThrow(ApplicationFailure.newNonRetryableFailure("refund above capture", "AMOUNT_EXCEEDED"))
        .when(recon)
        .refundAtProvider(any());

    ReconciliationSummary summary = run();

    assertThat(summary.items().get(0).outcome()).startsWith("failed: AMOUNT_EXCEEDED");
    ArgumentCaptor<String> note = ArgumentCaptor.forClass(String.class);
    verify(recon).noteAction(org.mockito.ArgumentMatchers.eq(11L), note.capture());
    assertThat(note.getValue()).startsWith("REFUND_AT_PROVIDER").contains("failed");
    verify(notifications).send(any());
    assertThat(summary.open()).isEqualTo(1);
  }

  @Test
  void shouldWaitForAnOrderStillBeingPlaced() {
    Mismatch m =
        mismatch(
            MismatchClass.MISSING_INTERNAL,
            provider(ProviderState.CAPTURED, 5_000, 5_000, 0),
            ours(LegState.AUTHORIZED, 5_000, 0));
    when(recon.compare(any())).thenReturn(found(m));
    when(recon.inspectOrder(ORDER))
        .thenReturn(
            new OrderFacts(ORDER, true, true, OrderStatus.CREATING, OrderStep.CAPTURE_PAYMENT));

    run();

    verify(recon, never()).recordProviderCapture(any());
    verify(recon, never()).tellOrder(any());
    verify(recon, never()).noteAction(anyLong(), anyString());
    verify(notifications, never()).send(any());
  }

  @Test
  void shouldRunOnTheTimerEveryIntervalWhileTimeIsSkipped() {
    when(recon.compare(any())).thenReturn(agreeing(0));
    WorkflowClient.start(
        client.newWorkflowStub(
                ReconciliationLoopWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ReconciliationLoopWorkflow.WORKFLOW_ID)
                    .setTaskQueue(worker.getTaskQueue())
                    .build())
            ::run,
        new ReconciliationRequest("timer", SETTINGS));

    env.sleep(Duration.ofMinutes(16));

    ArgumentCaptor<ReconciliationSummary> runs =
        ArgumentCaptor.forClass(ReconciliationSummary.class);
    verify(recon, times(3)).recordRun(runs.capture());
    assertThat(runs.getAllValues())
        .extracting(ReconciliationSummary::trigger)
        .containsOnly("timer");
    assertThat(runs.getAllValues())
        .extracting(ReconciliationSummary::startedAt)
        .isSorted()
        .doesNotHaveDuplicates();
    // Each run starts an interval after the one before it finished.
    Instant first = runs.getAllValues().get(0).finishedAt();
    assertThat(runs.getAllValues().get(1).startedAt())
        .isBetween(first.plus(SETTINGS.interval()), first.plus(SETTINGS.interval()).plusSeconds(5));
    verify(recon, atLeastOnce()).ingestProviderEvents(10);
  }

  @Test
  void shouldReplayARunThatCorrectedAndToldAnOrder() throws Exception {
    Mismatch m =
        mismatch(
            MismatchClass.MISSING_INTERNAL,
            provider(ProviderState.CAPTURED, 5_000, 5_000, 0),
            ours(LegState.AUTHORIZED, 5_000, 0));
    when(recon.compare(any())).thenReturn(found(m), agreeing(1));
    when(recon.inspectOrder(ORDER)).thenReturn(pending(OrderStep.CAPTURE_PAYMENT));
    when(recon.tellOrder(any()))
        .thenReturn(new RecoveryOutcome(ORDER, OrderStatus.COMPLETED, null, null));
    String id = ReconciliationWorkflow.ID_PREFIX + "replay-" + System.nanoTime();
    run(id);

    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(id), ReconciliationWorkflowImpl.class);
  }

  private ReconciliationSummary run() {
    return run(ReconciliationWorkflow.ID_PREFIX + "test-" + System.nanoTime());
  }

  private ReconciliationSummary run(String workflowId) {
    return client
        .newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(worker.getTaskQueue())
                .build())
        .run(new ReconciliationRequest("manual", SETTINGS));
  }

  private static OrderFacts pending(OrderStep step) {
    return new OrderFacts(ORDER, true, true, OrderStatus.PENDING, step);
  }

  private static Mismatch mismatch(MismatchClass c, ProviderRecord p, InternalRecord i) {
    Instant t = ClassifierTest.T0;
    return new Mismatch(
        11, REF, ORDER, "1", c, MismatchState.OPEN, p, i, null, null, null, t, t, null, null);
  }

  private static Mismatch withNotified(Mismatch m) {
    return new Mismatch(
        m.id(),
        m.reference(),
        m.paymentId(),
        m.legId(),
        m.mismatchClass(),
        m.state(),
        m.provider(),
        m.internal(),
        m.action(),
        m.resolution(),
        m.resolvedBy(),
        m.detectedAt(),
        m.updatedAt(),
        m.resolvedAt(),
        m.detectedAt());
  }

  private static CompareResult found(Mismatch m) {
    return new CompareResult(1, Map.of(m.mismatchClass(), 1), 0, List.of(m));
  }

  private static CompareResult agreeing(int autoResolved) {
    return new CompareResult(1, Map.of(), autoResolved, List.of());
  }
}
