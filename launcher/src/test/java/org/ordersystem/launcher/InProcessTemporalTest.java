package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessTemporalTest {

  private static final String QUEUE = "in-process-temporal-test";

  private TestServer.PortBoundTestServer server;
  private WorkflowServiceStubs service;
  private WorkerFactory workers;
  private WorkflowClient client;

  @BeforeEach
  void startServerAndWorker() throws IOException {
    int port = FreePorts.any();
    server = InProcessTemporal.start(port);
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("localhost:" + port).build());
    client = WorkflowClient.newInstance(service);
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(TwoStepsImpl.class);
    worker.registerActivitiesImplementations(new EchoImpl());
    workers.start();
  }

  @AfterEach
  void stop() {
    workers.shutdownNow();
    service.shutdownNow();
    server.close();
  }

  @Test
  void shouldRunWithTheLockEventLogStopped() {
    assertThat(InProcessTemporal.lockEventLogStopped(server))
        .as("the pinned temporal-test-server still has the fields the fix swaps")
        .isTrue();
  }

  @Test
  void shouldStillRunActivitiesAndRealTimeTimersConcurrently() {
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TwoSteps workflow =
          client.newWorkflowStub(
              TwoSteps.class,
              WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("wf-" + i).build());
      results.add(WorkflowClient.execute(workflow::run, "order-" + i));
    }

    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).join()).isEqualTo("order-" + i + "/1/2");
    }
  }

  @WorkflowInterface
  public interface TwoSteps {
    @WorkflowMethod
    String run(String input);
  }

  /** Two activities with a real-time timer between them: takes and releases the timer's locks. */
  public static class TwoStepsImpl implements TwoSteps {
    private final Echo echo =
        Workflow.newActivityStub(
            Echo.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String run(String input) {
      String first = echo.append(input, "1");
      Workflow.sleep(Duration.ofMillis(50));
      return echo.append(first, "2");
    }
  }

  @ActivityInterface
  public interface Echo {
    String append(String text, String suffix);
  }

  static class EchoImpl implements Echo {
    @Override
    public String append(String text, String suffix) {
      return text + "/" + suffix;
    }
  }
}
