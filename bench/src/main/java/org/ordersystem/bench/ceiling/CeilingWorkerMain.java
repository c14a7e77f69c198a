package org.ordersystem.bench.ceiling;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.ordersystem.workers.WorkerTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling's worker process, with the order workers' settings: the same {@link WorkerTuning}
 * variables and {@code ORDERS_TEMPORAL_TARGET} / {@code ORDERS_TEMPORAL_NAMESPACE}.
 */
public final class CeilingWorkerMain {

  private static final Logger log = LoggerFactory.getLogger(CeilingWorkerMain.class);

  private CeilingWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = System.getenv();
    String target = env.getOrDefault("ORDERS_TEMPORAL_TARGET", "localhost:7233");
    WorkerTuning tuning = WorkerTuning.fromEnv(env);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(env.getOrDefault("ORDERS_TEMPORAL_NAMESPACE", "default"))
                // Encrypted as the order workers' payloads are, so the two cost the same.
                .setDataConverter(PayloadEncryption.fromEnv(env).dataConverter())
                .build());
    WorkerFactory factory = WorkerFactory.newInstance(client, tuning.factoryOptions());
    Worker worker = factory.newWorker(CeilingWorkflow.TASK_QUEUE, tuning.workerOptions());
    worker.registerWorkflowImplementationTypes(CeilingWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoopActivitiesImpl());
    factory.start();
    log.info("Ceiling worker polling '{}' on {} ({})", CeilingWorkflow.TASK_QUEUE, target, tuning);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  factory.shutdown();
                  factory.awaitTermination(10, TimeUnit.SECONDS);
                  stubs.shutdown();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
