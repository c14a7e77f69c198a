package org.ordersystem.tracing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Wraps the appenders it is given and adds to each log line's MDC the {@code traceId} and {@code
 * spanId} of the current span and the {@code orderId} of the current {@link OrderContext}, so that
 * every line of an order's work, in any part, can be found from its trace and the other way round.
 *
 * <p>It reads the OpenTelemetry context of the thread that logs, at the moment it logs: nothing has
 * to copy ids into the MDC and take them out again. Keys already in the MDC are kept.
 *
 * <pre>{@code
 * <appender name="CONSOLE" class="org.ordersystem.tracing.TraceContextAppender">
 *   <appender-ref ref="TEXT"/>
 * </appender>
 * }</pre>
 */
public final class TraceContextAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {

  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

  @Override
  protected void append(ILoggingEvent event) {
    appenders.appendLoopOnAppenders(withTraceContext(event));
  }

  static ILoggingEvent withTraceContext(ILoggingEvent event) {
    Map<String, String> added = new HashMap<>(4);
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      added.put(TRACE_ID, span.getTraceId());
      added.put(SPAN_ID, span.getSpanId());
    }
    OrderContext.current().ifPresent(orderId -> added.put(OrderContext.ORDER_ID, orderId));
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (added.isEmpty() || (mdc != null && mdc.keySet().containsAll(added.keySet()))) {
      return event;
    }
    Map<String, String> merged = new HashMap<>(added);
    if (mdc != null) {
      merged.putAll(mdc);
    }
    Map<String, String> view = Map.copyOf(merged);
    return (ILoggingEvent)
        Proxy.newProxyInstance(
            ILoggingEvent.class.getClassLoader(),
            new Class<?>[] {ILoggingEvent.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("getMDCPropertyMap") || name.equals("getMdc")) {
                return view;
              }
              try {
                return method.invoke(event, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
