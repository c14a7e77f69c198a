package org.ordersystem.activities.reconciliation;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ordersystem.metrics.DownstreamCallMetrics;
import org.ordersystem.proto.psp.v1.PspEventFeedGrpc;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;

/**
 * The channel to the card provider: its event feed, and the voids and refunds reconciliation makes
 * there directly. Closing shuts the channel down.
 */
public final class ProviderClient implements AutoCloseable {

  private final ManagedChannel channel;
  private final Duration deadline;

  private ProviderClient(ManagedChannel channel, Duration deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /**
   * Plaintext, like the other services' channels; every call timed and its failures counted in
   * {@code metrics} as downstream {@code psp}.
   */
  public static ProviderClient connect(String target, Duration deadline, MeterRegistry metrics) {
    return new ProviderClient(
        ManagedChannelBuilder.forTarget(target)
            .usePlaintext()
            .intercept(DownstreamCallMetrics.of(metrics, "psp"))
            .build(),
        deadline);
  }

  /** Over a channel opened elsewhere, such as an in-process one in tests. */
  public static ProviderClient over(ManagedChannel channel, Duration deadline) {
    return new ProviderClient(channel, deadline);
  }

  PspEventFeedGrpc.PspEventFeedBlockingStub feed() {
    return PspEventFeedGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  PspServiceGrpc.PspServiceBlockingStub psp() {
    return PspServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdown();
    if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
  }
}
