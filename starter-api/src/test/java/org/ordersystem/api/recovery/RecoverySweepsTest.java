package org.ordersystem.api.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.config.TemporalProperties;
import org.ordersystem.api.orders.StandInOrderWorkflow;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.PaymentSource;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.ShippingAddress;
import org.ordersystem.workflows.model.SourceType;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflow;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.ordersystem.workflows.recovery.SweepSummary;

/**
 * Sweeps started and read back against the in-process test server and {@link
 * StandInRecoverySweepWorkflow}: finished in time, still running then finished, failed, and ids
 * that are no sweep.
 */
class RecoverySweepsTest {

  private static final Duration LONG = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(700);
  private static final RecoverySettings SETTINGS =
      new RecoverySettings(
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          3,
          5,
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofDays(1),
          100);

  private TestWorkflowEnvironment env;
  private TemporalCalls calls;
  private RecoverySweeps sweeps;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void startTestServer() {
    // Real time: a skipping server would time a slow sweep out while the API waits for its result.
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(OrderWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(
            StandInRecoverySweepWorkflow.class, StandInOrderWorkflow.class);
    env.start();
    calls =
        new TemporalCalls(
            new TemporalProperties("unused:7233", "default", Duration.ofSeconds(2)),
            new ApiProperties(Duration.ofSeconds(5), 65536, 8, 8, Duration.ofSeconds(1)));
    sweeps = new RecoverySweeps(env.getWorkflowClient(), calls);
  }

  @AfterEach
  void stop() {
    calls.close();
    for (String workflowId : started) {
      try {
        env.getWorkflowClient().newUntypedWorkflowStub(workflowId).terminate("test over");
      } catch (WorkflowNotFoundException e) {
        // finished
      }
    }
    env.close();
  }

  @Test
  void shouldAnswerTheSummaryOfASweepThatFinishesInTime() {
    SweepOutcome outcome = sweeps.start(new SweepRequest("manual:hanako", SETTINGS), LONG);

    assertThat(outcome.sweepId())
        .startsWith(RecoverySweepWorkflow.ID_PREFIX + "manual-")
        .matches(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(outcome)
        .isInstanceOfSatisfying(
            SweepOutcome.Finished.class,
            finished -> {
              SweepSummary summary = finished.summary();
              assertThat(summary.sweepId()).isEqualTo(outcome.sweepId());
              assertThat(summary.trigger()).isEqualTo("manual:hanako");
              assertThat(summary.peakConcurrency()).isEqualTo(3); // the settings arrived
              assertThat(summary.items())
                  .singleElement()
                  .satisfies(
                      item -> {
                        assertThat(item.decision()).isEqualTo(SweepDecision.RETRY);
                        assertThat(item.outcome()).isEqualTo(OrderStatus.COMPLETED);
                      });
            });
    assertThat(sweeps.find(outcome.sweepId())).contains(outcome);
  }

  @Test
  void shouldReportASlowSweepRunningThenItsSummaryOnceFinished() {
    SweepOutcome outcome = sweeps.start(new SweepRequest("manual:slow", SETTINGS), SHORT);
    started.add(outcome.sweepId());

    assertThat(outcome).isEqualTo(new SweepOutcome.Running(outcome.sweepId()));
    assertThat(sweeps.find(outcome.sweepId())).contains(outcome);

    env.getWorkflowClient()
        .newUntypedWorkflowStub(outcome.sweepId())
        .signal(StandInRecoverySweepWorkflow.FINISH);
    env.getWorkflowClient().newUntypedWorkflowStub(outcome.sweepId()).getResult(SweepSummary.class);

    assertThat(sweeps.find(outcome.sweepId()))
        .get()
        .isInstanceOfSatisfying(
            SweepOutcome.Finished.class,
            f -> assertThat(f.summary().trigger()).isEqualTo("manual:slow"));
  }

  @Test
  void shouldReportASweepThatFailed() {
    SweepOutcome outcome = sweeps.start(new SweepRequest("manual:fail", SETTINGS), LONG);

    assertThat(outcome).isEqualTo(new SweepOutcome.Failed(outcome.sweepId(), "FAILED"));
    assertThat(sweeps.find(outcome.sweepId())).contains(outcome);
  }

  @Test
  void shouldFindNoSweepForIdsThatAreNone() {
    String impostor = RecoverySweepWorkflow.ID_PREFIX + "impostor";
    started.add(impostor);
    WorkflowClient.start(
        env.getWorkflowClient()
                .newWorkflowStub(
                    OrderWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(impostor)
                        .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                        .build())
            ::placeOrder,
        new PlaceOrderRequest(
            "o-1",
            "demo-shop",
            StandInOrderWorkflow.Scenario.UNDECIDED.customerId,
            List.of(new OrderLine("SKU-1", 1, 1200)),
            1200,
            new ShippingAddress("Hanako", "100-0001", "Tokyo", "1-1", null, "JP"),
            List.of(new PaymentSource(SourceType.BALANCE, 1200, null))));

    assertThat(sweeps.find(impostor)).isEmpty(); // another workflow type
    assertThat(sweeps.find(RecoverySweepWorkflow.ID_PREFIX + "manual-unknown")).isEmpty();
    assertThat(sweeps.find("order-o-1")).isEmpty(); // not a sweep id: not even looked up
    assertThat(sweeps.find(RecoverySweepWorkflow.ID_PREFIX + "a/b")).isEmpty();
    assertThat(sweeps.find(null)).isEmpty();
  }
}
