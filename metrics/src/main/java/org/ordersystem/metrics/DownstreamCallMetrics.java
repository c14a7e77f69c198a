package org.ordersystem.metrics;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every call on a channel to one downstream (stock, shipping, payment, psp) and counts its
 * failures by gRPC status code, so an operator can tell in seconds which downstream is slow or
 * failing:
 *
 * <ul>
 *   <li>{@code downstream_call_seconds{downstream, method, code}}: a histogram of call latency,
 *       from the start of the call to its status, including calls that failed;
 *   <li>{@code downstream_errors_total{downstream, method, code}}: calls that ended other than OK.
 * </ul>
 *
 * <p>The histogram has fixed buckets rather than Micrometer's percentile histogram: a dozen
 * boundaries from 5 ms to 10 s answer {@code histogram_quantile} well enough for calls with a
 * deadline of seconds, at a tenth of the series.
 */
public final class DownstreamCallMetrics implements ClientInterceptor {

  /** Micrometer name of the latency histogram; Prometheus shows {@code downstream_call_seconds}. */
  public static final String CALL_TIMER = "downstream.call";

  /** Micrometer name of the error counter; Prometheus shows {@code downstream_errors_total}. */
  public static final String ERROR_COUNTER = "downstream.errors";

  /** Tag naming the downstream. */
  public static final String DOWNSTREAM_TAG = "downstream";

  static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final String downstream;
  // Meters by method and code, so a call costs a map lookup rather than a builder and an id.
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();

  private DownstreamCallMetrics(MeterRegistry registry, String downstream) {
    this.registry = registry;
    this.downstream = downstream;
  }

  /**
   * @param downstream the name the dashboards and the SLO report use: stock, shipping, payment or
   *     psp
   */
  public static ClientInterceptor of(MeterRegistry registry, String downstream) {
    return new DownstreamCallMetrics(registry, downstream);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
    String methodName = method.getBareMethodName();
    return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        long startNanos = System.nanoTime();
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                record(methodName, status.getCode(), System.nanoTime() - startNanos);
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  private void record(String method, Status.Code code, long nanos) {
    Meters m = meters.computeIfAbsent(method + '/' + code, key -> register(method, code));
    m.timer().record(nanos, TimeUnit.NANOSECONDS);
    if (m.errors() != null) {
      m.errors().increment();
    }
  }

  private Meters register(String method, Status.Code code) {
    Timer timer =
        Timer.builder(CALL_TIMER)
            .description("Latency of gRPC calls to a downstream service, by status code")
            .tag(DOWNSTREAM_TAG, downstream)
            .tag("method", method)
            .tag("code", code.name())
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    Counter errors =
        code == Status.Code.OK
            ? null
            : Counter.builder(ERROR_COUNTER)
                .description("gRPC calls to a downstream service that ended other than OK")
                .tag(DOWNSTREAM_TAG, downstream)
                .tag("method", method)
                .tag("code", code.name())
                .register(registry);
    return new Meters(timer, errors);
  }

  private record Meters(Timer timer, Counter errors) {}
}
