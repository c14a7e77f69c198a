package org.ordersystem.api.tracing;

import io.grpc.ClientInterceptor;
import io.opentelemetry.instrumentation.spring.webmvc.v6_0.SpringWebMvcTelemetry;
import jakarta.servlet.Filter;
import org.ordersystem.tracing.Tracing;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's part of an order's trace: a server span per request, begun before anything else runs
 * (the API key check, the body size limit) so that refused requests are traced too, its trace in
 * the {@code traceresponse} header, and the order the request is about on its log lines.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfig implements WebMvcConfigurer {

  /** The {@code service.name} of the API's spans. */
  public static final String SERVICE_NAME = "orders-api";

  @Bean(destroyMethod = "close")
  Tracing tracing() {
    return Tracing.start(SERVICE_NAME);
  }

  /** Client spans of the API's calls to the services (fault control, the catalog, shipments). */
  @Bean
  ClientInterceptor grpcClientTracing(Tracing tracing) {
    return tracing.grpcClient();
  }

  @Bean
  FilterRegistrationBean<Filter> serverSpanFilter(Tracing tracing) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            SpringWebMvcTelemetry.create(tracing.openTelemetry()).createServletFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TraceResponseFilter> traceResponseFilter() {
    FilterRegistrationBean<TraceResponseFilter> registration =
        new FilterRegistrationBean<>(new TraceResponseFilter());
    // Inside the server span's filter, before the response can be committed.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new OrderContextWebInterceptor()).addPathPatterns("/api/**");
  }
}
