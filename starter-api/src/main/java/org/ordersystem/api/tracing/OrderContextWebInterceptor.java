package org.ordersystem.api.tracing;

import io.opentelemetry.context.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.ordersystem.tracing.OrderContext;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Makes the order a request's path names ({@code /orders/{orderId}/...}) the current {@link
 * OrderContext} while the request is handled. A new order gets its id later, from its
 * Idempotency-Key; {@code OrderPlacement} enters it there.
 */
final class OrderContextWebInterceptor implements HandlerInterceptor {

  private static final String SCOPE = OrderContextWebInterceptor.class.getName() + ".scope";

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
            instanceof Map<?, ?> variables
        && variables.get(OrderContext.ORDER_ID) instanceof String orderId) {
      request.setAttribute(SCOPE, OrderContext.enter(orderId));
    }
    return true;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (request.getAttribute(SCOPE) instanceof Scope scope) {
      request.removeAttribute(SCOPE);
      scope.close();
    }
  }
}
