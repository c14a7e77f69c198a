package org.ordersystem.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TraceContextAppenderTest {

  private static final SpanContext SPAN =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void wireAppenders() {
    // The context SLF4J is bound to: it carries the MDC adapter the events read.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    lines.setContext(context);
    lines.start();
    TraceContextAppender appender = new TraceContextAppender();
    appender.setContext(context);
    appender.addAppender(lines);
    appender.start();
    logger = context.getLogger(TraceContextAppenderTest.class.getName() + hashCode());
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
  }

  @Test
  void shouldAddTheTraceAndTheOrderOfTheCurrentContext() {
    try (Scope span = Span.wrap(SPAN).makeCurrent();
        Scope order = OrderContext.enter("ord-42")) {
      logger.info("reserved");
    }
    assertThat(lines.list.get(0).getMDCPropertyMap())
        .containsEntry("traceId", "0af7651916cd43dd8448eb211c80319c")
        .containsEntry("spanId", "b7ad6b7169203331")
        .containsEntry("orderId", "ord-42");
    assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("reserved");
  }

  @Test
  void shouldKeepWhatTheMdcAlreadyHas() {
    MDC.put("orderId", "ord-from-mdc");
    try (Scope order = OrderContext.enter("ord-42")) {
      logger.info("kept");
    } finally {
      MDC.remove("orderId");
    }
    assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry("orderId", "ord-from-mdc");
  }

  @Test
  void shouldLeaveALineOutsideAnyTraceAsItIs() {
    logger.info("idle");
    assertThat(lines.list.get(0).getMDCPropertyMap()).doesNotContainKeys("traceId", "orderId");
  }
}
