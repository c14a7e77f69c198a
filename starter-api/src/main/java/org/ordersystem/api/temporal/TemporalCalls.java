package org.ordersystem.api.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.context.Context;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.config.TemporalProperties;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.springframework.stereotype.Component;

/**
 * Runs the API's calls to Temporal on one bounded pool, so a request can stop waiting at its own
 * deadline.
 *
 * <p>Temporal's client blocks until an update is accepted, for as long as that takes (no worker, a
 * slow first task). A call the request gave up on is interrupted, which cancels its RPC; whatever
 * the workflow already took, it carries on with.
 */
@Component
public class TemporalCalls implements AutoCloseable {

  private final Duration readTimeout;
  private final ThreadPoolExecutor calls;

  public TemporalCalls(TemporalProperties temporal, ApiProperties api) {
    this.readTimeout = temporal.readTimeout();
    AtomicInteger threads = new AtomicInteger();
    // A hand-off queue: past the bound, calls are refused (503) rather than queued past their
    // request's deadline.
    this.calls =
        new ThreadPoolExecutor(
            0,
            api.maxTemporalCalls(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "temporal-call-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts a call on the pool.
   *
   * @param retryHint what the 503 tells the client when the pool is full, such as "retry with the
   *     same Idempotency-Key."
   * @throws ApiProblem 503 when too many calls are in flight
   */
  public <T> Future<T> submit(Callable<T> call, String retryHint) {
    try {
      // With the request's trace context (and order): Temporal's spans join the request's trace.
      return calls.submit(Context.current().wrap(call));
    } catch (RejectedExecutionException e) {
      throw new ApiProblem(
          ProblemType.SERVICE_UNAVAILABLE,
          "Too many requests to the workflow engine in flight; " + retryHint,
          List.of(),
          e);
    }
  }

  /**
   * Runs a read (query, describe) or a signal within the read timeout; empty when the workflow does
   * not exist or has finished where that matters (a signal).
   *
   * @throws ApiProblem 503 when Temporal cannot answer in time
   */
  public <T> Optional<T> read(Callable<T> read) {
    Future<T> call = submit(read, "retry shortly.");
    try {
      return Optional.ofNullable(call.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      call.cancel(true);
      throw unavailable(e, "retry later.");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return Optional.empty();
      }
      if (isUnavailable(e.getCause())) {
        throw unavailable(e.getCause(), "retry later.");
      }
      throw new IllegalStateException("Temporal read failed", e.getCause());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable(e, "retry later.");
    }
  }

  /**
   * A start refused by REJECT_DUPLICATE (the workflow finished), or an update that reached the
   * workflow only as it finished, or no such workflow at all.
   */
  public static boolean isClosedWorkflow(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WorkflowExecutionAlreadyStarted
          || c instanceof WorkflowUpdateException
          || c instanceof WorkflowNotFoundException) {
        return true;
      }
      if (c instanceof StatusRuntimeException sre) {
        Status.Code code = sre.getStatus().getCode();
        return code == Status.Code.ALREADY_EXISTS || code == Status.Code.NOT_FOUND;
      }
    }
    return false;
  }

  /** Whether retrying later may help: Temporal is down, slow or overloaded. */
  public static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WorkflowUpdateTimeoutOrCancelledException) {
        return true;
      }
      if (c instanceof StatusRuntimeException sre) {
        return switch (sre.getStatus().getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED -> true;
          default -> false;
        };
      }
    }
    return false;
  }

  /** A 503 saying the workflow engine is unavailable, then {@code retryHint}. */
  public static ApiProblem unavailable(Throwable cause, String retryHint) {
    return new ApiProblem(
        ProblemType.SERVICE_UNAVAILABLE,
        "The workflow engine is unavailable; " + retryHint,
        List.of(),
        cause);
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}
