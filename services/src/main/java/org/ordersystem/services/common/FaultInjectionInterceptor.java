package org.ordersystem.services.common;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects the faults of a {@link FaultSettings} into the rpcs of the one service it wraps; the
 * fault control and health services are registered without it so they keep answering.
 */
public final class FaultInjectionInterceptor implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(FaultInjectionInterceptor.class);

  private final FaultSettings settings;

  public FaultInjectionInterceptor(FaultSettings settings) {
    this.settings = settings;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    FaultSettings.Values faults = settings.current();
    String method = call.getMethodDescriptor().getFullMethodName();
    if (faults.latencyMs() > 0) {
      // Runs on the server's executor, not on the transport's event loop.
      try {
        Thread.sleep(faults.latencyMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return reject(
            call, Status.CANCELLED.withDescription("interrupted during injected latency"));
      }
    }
    if (faults.outage()) {
      log.debug("Injected outage on {}", method);
      return reject(call, Status.UNAVAILABLE.withDescription("injected fault: outage"));
    }
    if (faults.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
      log.debug("Injected error on {}", method);
      return reject(call, Status.UNAVAILABLE.withDescription("injected fault"));
    }
    if (faults.commitThenTimeout()) {
      return next.startCall(new AnswerDeadlineExceeded<>(call), headers);
    }
    return next.startCall(call, headers);
  }

  private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /**
   * Lets the handler run and commit, then swallows its answer: what a caller sees when the network
   * drops the response of a call that succeeded.
   */
  private static final class AnswerDeadlineExceeded<Q, R> extends SimpleForwardingServerCall<Q, R> {

    AnswerDeadlineExceeded(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      // Held back, so the close below is the only thing the client receives.
    }

    @Override
    public void sendMessage(R message) {
      log.debug("Injected commit-then-timeout on {}", getMethodDescriptor().getFullMethodName());
    }

    @Override
    public void close(Status status, Metadata trailers) {
      super.close(
          Status.DEADLINE_EXCEEDED.withDescription(
              "injected fault: the call ran and committed, then timed out"),
          new Metadata());
    }
  }
}
