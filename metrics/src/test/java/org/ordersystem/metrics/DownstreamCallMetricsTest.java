package org.ordersystem.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DownstreamCallMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void startHealthService() throws IOException {
    // The health service answers OK for "" and NOT_FOUND for a service it does not know.
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(new HealthStatusManager().getHealthService())
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void shouldTimeEveryCallAndCountFailuresByCode() {
    HealthGrpc.HealthBlockingStub health =
        HealthGrpc.newBlockingStub(
            ClientInterceptors.intercept(channel, DownstreamCallMetrics.of(registry, "stock")));

    health.check(HealthCheckRequest.getDefaultInstance());
    health.check(HealthCheckRequest.getDefaultInstance());
    assertThatThrownBy(
            () -> health.check(HealthCheckRequest.newBuilder().setService("nope").build()))
        .isInstanceOf(StatusRuntimeException.class);

    assertThat(
            registry
                .get(DownstreamCallMetrics.CALL_TIMER)
                .tags("downstream", "stock", "method", "Check", "code", "OK")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .get(DownstreamCallMetrics.ERROR_COUNTER)
                .tags("downstream", "stock", "code", "NOT_FOUND")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.find(DownstreamCallMetrics.ERROR_COUNTER).tag("code", "OK").counter())
        .isNull();
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "downstream_call_seconds_bucket{code=\"OK\",downstream=\"stock\",method=\"Check\",le=\"0.005\"}")
        .contains(
            "downstream_errors_total{code=\"NOT_FOUND\",downstream=\"stock\",method=\"Check\"} 1");
  }
}
