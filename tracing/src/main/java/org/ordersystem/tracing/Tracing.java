package org.ordersystem.tracing;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One part's OpenTelemetry SDK (the API, the workers or the services), configured by the standard
 * {@code OTEL_*} variables and {@code otel.*} system properties, with the instrumentation every
 * part shares: gRPC client and server spans, JDBC spans.
 *
 * <p>Each part has an SDK of its own, even when they share a JVM (dev/run), so that its spans carry
 * its own service name; they share the context, and so the trace, through the one {@code Context}
 * of the thread. None is made global: every instrumented library is handed its part's.
 *
 * <p>What {@link TraceSettings} adds to the SDK's defaults: spans are exported only where told (an
 * OTLP endpoint, or the trace UI that dev/run starts), never to a default endpoint that nobody
 * listens on; SDK metrics and logs are not exported. With no exporter the SDK records no span at
 * all (it costs nothing), yet passes on the trace context that calls bring.
 */
public final class Tracing implements AutoCloseable {

  private final OpenTelemetrySdk sdk;
  private final GrpcTelemetry grpc;
  private final JdbcTelemetry jdbc;

  private Tracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.grpc = GrpcTelemetry.builder(sdk).setEmitMessageEvents(false).build();
    // A span per statement (and per commit), not per connection taken from the pool.
    this.jdbc =
        JdbcTelemetry.builder(sdk)
            .setDataSourceInstrumenterEnabled(false)
            .setTransactionInstrumenterEnabled(true)
            .build();
  }

  /**
   * The SDK of one part, from this process's environment and system properties.
   *
   * @param serviceName the part's {@code service.name} unless {@code OTEL_SERVICE_NAME} names one
   */
  public static Tracing start(String serviceName) {
    return start(serviceName, Map.of());
  }

  /**
   * As {@link #start(String)}, with {@code properties} ({@code otel.*} keys) over the environment
   * and system properties: for tests.
   */
  static Tracing start(String serviceName, Map<String, String> properties) {
    return new Tracing(configure(serviceName, properties).build().getOpenTelemetrySdk());
  }

  /** As {@link #start(String, Map)}, every finished span also handed to {@code exporter}. */
  static Tracing start(String serviceName, Map<String, String> properties, SpanExporter exporter) {
    return new Tracing(
        configure(serviceName, properties)
            .addTracerProviderCustomizer(
                (tracerProvider, config) ->
                    tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(exporter)))
            .build()
            .getOpenTelemetrySdk());
  }

  private static AutoConfiguredOpenTelemetrySdkBuilder configure(
      String serviceName, Map<String, String> properties) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> TraceSettings.defaults(serviceName))
        .addPropertiesCustomizer(config -> properties)
        .addPropertiesCustomizer(TraceSettings::exporterWhenUnset)
        .disableShutdownHook();
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Client spans ({@code rpc.system=grpc}) for a channel, and the trace context in its calls. */
  public ClientInterceptor grpcClient() {
    return grpc.createClientInterceptor();
  }

  /** Server spans for a server, joined to the trace context that calls carry. */
  public ServerInterceptor grpcServer() {
    return grpc.createServerInterceptor();
  }

  /** {@code dataSource} with a span per statement ({@code db.system}, the sanitized SQL). */
  public DataSource jdbc(DataSource dataSource) {
    return jdbc.wrap(dataSource);
  }

  /** Exports the spans still buffered, then stops the exporter. */
  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }
}
