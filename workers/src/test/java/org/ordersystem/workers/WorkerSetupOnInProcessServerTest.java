package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.OrderSearchAttributes;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.RecoverySweepLoopWorkflow;
import org.ordersystem.workflows.recovery.SweepRequest;

/**
 * What a worker sets up in Temporal before it polls, against the in-process server the local stack
 * runs, bound to a port like {@code dev/run} binds it: search attributes, and the sweep's timer
 * loop, since that server has no Schedules.
 */
class WorkerSetupOnInProcessServerTest {

  private static TestServer.PortBoundTestServer server;
  private static WorkflowServiceStubs stubs;
  private static WorkflowClient client;

  @BeforeAll
  static void startServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = TestServer.createPortBoundServer(port, true);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @AfterAll
  static void stopServer() {
    stubs.shutdown();
    server.close();
  }

  @Test
  void shouldRegisterTheSearchAttributesOnceAndAcceptASecondWorker() {
    assertThatThrownBy(() -> startWorkflowIndexedAsPending("before"))
        .as("the server refuses unknown search attributes")
        .hasRootCauseMessage("INVALID_ARGUMENT: search attribute OrderStatus is not defined");

    assertThat(SearchAttributeRegistration.ensure(stubs, "default")).isTrue();

    startWorkflowIndexedAsPending("after");
    assertThat(SearchAttributeRegistration.ensure(stubs, "default"))
        .as("a second worker finds them registered")
        .isTrue();
  }

  @Test
  void shouldSpellOutTheCommandsForAnOperator() {
    assertThat(SearchAttributeRegistration.commands("shop-prod"))
        .contains(
            "temporal operator search-attribute create --namespace shop-prod --name OrderStatus"
                + " --type Keyword")
        .contains("--name OrderStep", "--name PendingReason", "--name ShopId");
  }

  @Test
  void shouldFallBackToTheTimerLoopWhenTheServerHasNoSchedules() {
    RecoverySettings settings =
        new RecoverySettings(
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            2,
            3,
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofHours(2),
            100);

    RecoveryScheduler used = RecoveryScheduling.ensure(client, settings, RecoveryScheduler.AUTO);
    String firstRun = loopRunId();
    RecoveryScheduler again = RecoveryScheduling.ensure(client, settings, RecoveryScheduler.TIMER);

    assertThat(used).isEqualTo(RecoveryScheduler.TIMER);
    assertThat(again).isEqualTo(RecoveryScheduler.TIMER);
    assertThat(loopRunId()).as("a second worker keeps the running loop").isEqualTo(firstRun);
    assertThat(loopStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(loopInput()).isEqualTo(new SweepRequest("timer", settings));
  }

  @Test
  void shouldRefuseAnExplicitScheduleOnAServerWithoutSchedules() {
    assertThatThrownBy(
            () ->
                RecoveryScheduling.ensure(
                    client, RecoverySettings.defaults(), RecoveryScheduler.SCHEDULE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ORDERS_RECOVERY_SCHEDULER");
  }

  /** Starts a workflow (of a type nobody polls) that carries every order search attribute. */
  private static void startWorkflowIndexedAsPending(String id) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    OrderSearchAttributes.ALL.forEach(key -> attributes.set(key, "PENDING"));
    client
        .newUntypedWorkflowStub(
            "IndexedWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId("indexed-" + id)
                .setTaskQueue("nobody-polls")
                .setTypedSearchAttributes(attributes.build())
                .build())
        .start();
  }

  private static WorkflowExecutionInfo loopInfo() {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(RecoverySweepLoopWorkflow.WORKFLOW_ID))
                .build())
        .getWorkflowExecutionInfo();
  }

  private static String loopRunId() {
    return loopInfo().getExecution().getRunId();
  }

  private static WorkflowExecutionStatus loopStatus() {
    return loopInfo().getStatus();
  }

  private static SweepRequest loopInput() {
    WorkflowExecutionStartedEventAttributes started =
        client
            .fetchHistory(RecoverySweepLoopWorkflow.WORKFLOW_ID)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(started.getInput()), SweepRequest.class, SweepRequest.class);
  }
}
