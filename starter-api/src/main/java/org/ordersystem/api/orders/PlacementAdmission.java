package org.ordersystem.api.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.problems.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bounds the order placements in flight ({@code orders.api.max-placements-in-flight}). Past the
 * bound a placement is refused at once with 429 and Retry-After instead of queuing: under overload
 * a queue only makes every order slow, and a client that gave up on a slow answer retries into the
 * same queue.
 *
 * <p>A refused placement has done nothing yet (no Idempotency-Key claimed, no workflow started), so
 * the same request with the same key is safe to send again; an admitted one runs to its answer like
 * any other, and its workflow carries on after it.
 *
 * <p>A replay of a key already answered is refused like any other request at the bound: telling it
 * apart takes a read of the key store, the very round trip shedding is there to save, and the
 * replay of an attempt still in flight would only add a second wait on the same workflow.
 *
 * <p>Refusals are counted on {@code orders.api.placements.shed} and reported in the log at most
 * every {@link #REPORT_EVERY}; {@code orders.api.placements.in.flight} gauges the placements
 * running.
 */
@Component
public class PlacementAdmission {

  static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(PlacementAdmission.class);

  private final int bound;
  private final Duration retryAfter;
  private final Semaphore permits;
  private final Counter shed;
  private final AtomicLong shedSinceReport = new AtomicLong();
  private final AtomicLong lastReport;

  public PlacementAdmission(ApiProperties api, MeterRegistry meters) {
    this.bound = api.maxPlacementsInFlight();
    this.retryAfter = api.shedRetryAfter();
    // Never waited on (tryAcquire), so fairness would buy nothing.
    this.permits = new Semaphore(bound);
    this.shed =
        Counter.builder("orders.api.placements.shed")
            .description("Order placements refused with 429 because too many were in flight")
            .register(meters);
    Gauge.builder("orders.api.placements.in.flight", this, PlacementAdmission::inFlight)
        .description("Order placements between admission and their answer")
        .register(meters);
    // The first refusal is reported at once.
    this.lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY.toNanos());
  }

  /**
   * Runs {@code placement} if fewer than the bound are in flight, holding a place until it ends
   * however it ends.
   *
   * @throws ApiProblem 429 with Retry-After, without running {@code placement}, at the bound
   */
  public <T> T admit(Supplier<T> placement) {
    if (!permits.tryAcquire()) {
      refused();
      throw ApiProblem.tooManyPlacements(
          "The API is placing as many orders as it takes at once ("
              + bound
              + "); this one was not started and its Idempotency-Key not used. Send the same"
              + " request with the same Idempotency-Key after Retry-After seconds.",
          retryAfter);
    }
    try {
      return placement.get();
    } finally {
      permits.release();
    }
  }

  /** The placements between admission and their answer. */
  public int inFlight() {
    return bound - permits.availablePermits();
  }

  private void refused() {
    shed.increment();
    shedSinceReport.incrementAndGet();
    long now = System.nanoTime();
    long last = lastReport.get();
    if (now - last >= REPORT_EVERY.toNanos() && lastReport.compareAndSet(last, now)) {
      log.warn(
          "Refused {} order placement(s) with 429 since the last report ({} since start): {}"
              + " were in flight, the bound (orders.api.max-placements-in-flight)",
          shedSinceReport.getAndSet(0),
          (long) shed.count(),
          bound);
    }
  }
}
