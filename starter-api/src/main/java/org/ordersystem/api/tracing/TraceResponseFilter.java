package org.ordersystem.api.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ordersystem.tracing.TraceResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with the W3C {@code traceresponse} header of its server span, so that a
 * shop or an operator can find the request, and the order it placed, in the trace UI.
 */
final class TraceResponseFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    TraceResponse.of(Span.current().getSpanContext())
        .ifPresent(header -> response.setHeader(TraceResponse.HEADER, header));
    chain.doFilter(request, response);
  }
}
