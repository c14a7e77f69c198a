package org.ordersystem.tracing;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Optional;

/**
 * The order a piece of work is for, carried as W3C baggage beside the trace context: the gRPC
 * instrumentation sends it to the services with every call, and {@link TraceContextAppender} puts
 * it on their log lines as {@code orderId}.
 */
public final class OrderContext {

  /** The baggage entry, and the MDC key of the log lines. */
  public static final String ORDER_ID = "orderId";

  private OrderContext() {}

  /** The span attribute that names the order: the trace UI finds an order's spans by it. */
  public static final AttributeKey<String> ORDER_ID_ATTRIBUTE = AttributeKey.stringKey("order.id");

  /**
   * Makes {@code orderId} current until the scope closes, and tags the current span (the request's
   * or the activity's) with it.
   */
  public static Scope enter(String orderId) {
    Span.current().setAttribute(ORDER_ID_ATTRIBUTE, orderId);
    return Context.current()
        .with(Baggage.current().toBuilder().put(ORDER_ID, orderId).build())
        .makeCurrent();
  }

  /** The current order, if the work at hand is for one. */
  public static Optional<String> current() {
    return Optional.ofNullable(Baggage.current().getEntryValue(ORDER_ID));
  }
}
