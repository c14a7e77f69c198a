package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.tracing.OrderContext;

/**
 * Temporal's spans in the workers, on the in-process server: one trace from the caller's span down
 * to every activity, local or not, each span once even though every workflow task replays the
 * workflow from its start (no workflow cache).
 */
class WorkerTracingTest {

  private static final String QUEUE = "tracing-test";

  @ActivityInterface
  public interface Steps {
    String step(String name);
  }

  /** Answers with the order the activity ran for, as its log lines and gRPC calls would see it. */
  public static class StepsImpl implements Steps {
    @Override
    public String step(String name) {
      return name + ":" + OrderContext.current().orElse("none");
    }
  }

  @WorkflowInterface
  public interface TwoSteps {
    @WorkflowMethod
    String run();
  }

  /** A local activity, then a regular one after a timer: three workflow tasks. */
  public static class TwoStepsImpl implements TwoSteps {
    private final Steps local =
        Workflow.newLocalActivityStub(
            Steps.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .build());
    private final Steps remote =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());

    @Override
    public String run() {
      String first = local.step("local");
      Workflow.sleep(Duration.ofSeconds(1));
      return first + " " + remote.step("remote");
    }
  }

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private OpenTelemetrySdk sdk;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exported))
                    .build())
            .setPropagators(
                ContextPropagators.create(
                    TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
            .build();
    WorkerTracing tracing = new WorkerTracing(sdk);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder().setInterceptors(tracing.client()).build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(0)
                        .setWorkerInterceptors(tracing.worker())
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(TwoStepsImpl.class);
    worker.registerActivitiesImplementations(new StepsImpl());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    sdk.close();
  }

  @Test
  void shouldHangTheWorkflowAndItsActivitiesUnderTheCallersSpanOnceEach() {
    Span request = sdk.getTracer("test").spanBuilder("POST /api/v1/orders").startSpan();
    String result;
    try (Scope ignored = request.makeCurrent()) {
      result =
          env.getWorkflowClient()
              .newWorkflowStub(
                  TwoSteps.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(QUEUE)
                      .setWorkflowId("order-o-17")
                      .build())
              .run();
    } finally {
      request.end();
    }

    assertThat(result).isEqualTo("local:o-17 remote:o-17");
    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans)
        .allSatisfy(
            span -> assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId()));
    assertThat(spans.stream().map(SpanData::getName))
        .containsExactlyInAnyOrder(
            "POST /api/v1/orders",
            "StartWorkflow:TwoSteps",
            "RunWorkflow:TwoSteps",
            "StartActivity:Step",
            "RunActivity:Step",
            "StartActivity:Step",
            "RunActivity:Step");
    Map<String, SpanData> byId =
        spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    assertThat(spans)
        .filteredOn(span -> span.getName().startsWith("RunActivity"))
        .allSatisfy(
            run -> {
              assertThat(parentName(byId, run)).contains("StartActivity:Step");
              assertThat(run.getAttributes().get(OrderContext.ORDER_ID_ATTRIBUTE))
                  .isEqualTo("o-17");
            });
    assertThat(spans)
        .filteredOn(span -> span.getName().startsWith("RunWorkflow"))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(parentName(byId, run)).contains("StartWorkflow:TwoSteps");
              // Ended as it began, not when the workflow closes (days later for an order).
              assertThat(run.getEndEpochNanos())
                  .isLessThanOrEqualTo(
                      spans.stream()
                          .filter(span -> span.getName().startsWith("StartActivity"))
                          .mapToLong(SpanData::getStartEpochNanos)
                          .min()
                          .orElseThrow());
            });
  }

  private static Optional<String> parentName(Map<String, SpanData> byId, SpanData span) {
    return Optional.ofNullable(byId.get(span.getParentSpanId())).map(SpanData::getName);
  }
}
