package org.ordersystem.services.common;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a unary rpc from a function, turning exceptions into statuses. */
public final class UnaryCalls {

  private static final Logger log = LoggerFactory.getLogger(UnaryCalls.class);

  private UnaryCalls() {}

  /**
   * Sends what {@code handler} returns, or the status it throws. Any other exception is a defect:
   * logged, and answered INTERNAL without leaking its message.
   */
  public static <R> void respond(StreamObserver<R> observer, Supplier<R> handler) {
    R response;
    try {
      response = handler.get();
    } catch (StatusRuntimeException e) {
      if (e.getCause() != null) {
        // Database trouble: the caller gets the status, the operator the stack trace.
        log.warn("Answering {}", e.getStatus(), e);
      }
      answer(() -> observer.onError(e));
      return;
    } catch (RuntimeException e) {
      log.error("Unexpected failure", e);
      answer(
          () ->
              observer.onError(
                  Status.INTERNAL
                      .withDescription("INTERNAL: unexpected failure")
                      .asRuntimeException()));
      return;
    }
    answer(
        () -> {
          observer.onNext(response);
          observer.onCompleted();
        });
  }

  /**
   * Sends an answer unless the caller has gone (deadline passed, cancelled): then grpc refuses it
   * with CANCELLED, and the work, already committed or rolled back, stands as it is.
   */
  private static void answer(Runnable send) {
    try {
      send.run();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.CANCELLED) {
        throw e;
      }
      log.debug("Caller left before the answer", e);
    }
  }
}
