package org.ordersystem.workers;

import io.opentracing.Span;
import io.opentracing.SpanContext;
import io.opentracing.Tracer;
import io.opentracing.tag.Tag;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.SpanBuilderProvider;
import io.temporal.opentracing.SpanCreationContext;
import io.temporal.opentracing.SpanOperationType;

/**
 * Temporal's span names and tags, with each RunWorkflow span ended as soon as it begins: it marks
 * when the run began, and the steps of the order hang under it.
 *
 * <p>Temporal's interceptor ends RunWorkflow when the workflow method returns. An order's workflow
 * stays open for its refund window, days: until then the trace UI would have the steps without the
 * span they hang under, and the span would be lost altogether if the worker restarted or evicted
 * the workflow from its cache in between. Ending it again later is ignored by the SDK.
 */
final class RunWorkflowSpans implements SpanBuilderProvider {

  private final SpanBuilderProvider temporals =
      OpenTracingOptions.getDefaultInstance().getSpanBuilderProvider();

  @Override
  public Tracer.SpanBuilder createSpanBuilder(Tracer tracer, SpanCreationContext context) {
    Tracer.SpanBuilder builder = temporals.createSpanBuilder(tracer, context);
    return context.getSpanOperationType() == SpanOperationType.RUN_WORKFLOW
        ? new EndedAtStart(builder)
        : builder;
  }

  /** Builds as {@code builder} does, and ends the span it starts. */
  private record EndedAtStart(Tracer.SpanBuilder builder) implements Tracer.SpanBuilder {

    @Override
    public Span start() {
      Span span = builder.start();
      span.finish();
      return span;
    }

    @Override
    public Tracer.SpanBuilder addReference(String referenceType, SpanContext referenced) {
      return new EndedAtStart(builder.addReference(referenceType, referenced));
    }

    @Override
    public Tracer.SpanBuilder asChildOf(SpanContext parent) {
      return new EndedAtStart(builder.asChildOf(parent));
    }

    @Override
    public Tracer.SpanBuilder asChildOf(Span parent) {
      return new EndedAtStart(builder.asChildOf(parent));
    }

    @Override
    public Tracer.SpanBuilder ignoreActiveSpan() {
      return new EndedAtStart(builder.ignoreActiveSpan());
    }

    @Override
    public Tracer.SpanBuilder withTag(String key, String value) {
      return new EndedAtStart(builder.withTag(key, value));
    }

    @Override
    public Tracer.SpanBuilder withTag(String key, boolean value) {
      return new EndedAtStart(builder.withTag(key, value));
    }

    @Override
    public Tracer.SpanBuilder withTag(String key, Number value) {
      return new EndedAtStart(builder.withTag(key, value));
    }

    @Override
    public <T> Tracer.SpanBuilder withTag(Tag<T> tag, T value) {
      return new EndedAtStart(builder.withTag(tag, value));
    }

    @Override
    public Tracer.SpanBuilder withStartTimestamp(long microseconds) {
      return new EndedAtStart(builder.withStartTimestamp(microseconds));
    }
  }
}
