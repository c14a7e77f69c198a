package org.ordersystem.api.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.ordersystem.api.config.TemporalProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The self-evaluated SLOs; {@code orders.slo.enabled=false} leaves all of it out. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "orders.slo.enabled", havingValue = "true", matchIfMissing = true)
public class SloConfig {

  private static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Bean
  SloEvaluator sloEvaluator(SloProperties properties) {
    return new SloEvaluator(properties, Clock.systemUTC());
  }

  @Bean
  OrderOutcomes orderOutcomes(NamedParameterJdbcTemplate jdbc) {
    return new OrderOutcomes(jdbc);
  }

  @Bean
  CompletionWatch completionWatch(
      SloEvaluator evaluator,
      OrderOutcomes outcomes,
      MeterRegistry registry,
      SloProperties properties) {
    return new CompletionWatch(evaluator, outcomes, registry, Clock.systemUTC(), properties);
  }

  /** Outermost, so that it sees every answer, a 429 of admission and a 5xx of a handler alike. */
  @Bean
  FilterRegistrationBean<PlacementSliFilter> placementSliFilter(
      SloEvaluator evaluator, CompletionWatch completions, MeterRegistry registry) {
    FilterRegistrationBean<PlacementSliFilter> registration =
        new FilterRegistrationBean<>(new PlacementSliFilter(evaluator, completions, registry));
    registration.addUrlPatterns("/api/v1/orders");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  DownstreamTrends downstreamTrends(MeterRegistry registry, SloProperties properties) {
    return new DownstreamTrends(registry, Clock.systemUTC(), properties.pageFast().longWindow());
  }

  @Bean
  BurnIncidents burnIncidents(
      OrderOutcomes outcomes,
      DownstreamTrends downstreams,
      SloProperties properties,
      TemporalProperties temporal,
      ObjectMapper json) {
    IncidentReports reports =
        new IncidentReports(
            outcomes, downstreams, properties, temporal.namespace(), Clock.systemUTC());
    WebhookPoster poster =
        new WebhookPoster(
            properties.webhookUrl() == null ? null : URI.create(properties.webhookUrl()),
            HttpClient.newBuilder().connectTimeout(WEBHOOK_CONNECT_TIMEOUT).build(),
            json);
    return new BurnIncidents(reports, poster::deliver, Clock.systemUTC());
  }

  @Bean
  SloMonitor sloMonitor(
      SloEvaluator evaluator,
      CompletionWatch completions,
      OrderOutcomes outcomes,
      DownstreamTrends downstreams,
      BurnIncidents incidents,
      MeterRegistry registry,
      SloProperties properties) {
    return new SloMonitor(
        evaluator, completions, outcomes, downstreams, incidents, registry, properties);
  }
}
