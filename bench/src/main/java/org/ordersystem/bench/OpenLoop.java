package org.ordersystem.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends orders on an {@link ArrivalSchedule} from one thread that only waits for each order's due
 * time and hands it to the scenario, which must not block; then waits for the orders in flight.
 */
public final class OpenLoop {

  private static final Logger log = LoggerFactory.getLogger(OpenLoop.class);

  private OpenLoop() {}

  /**
   * Runs one step and returns once every order ended or {@code drainTimeout} passed after the last
   * one was sent; orders still open then count as failed ({@code no-end-in-time}).
   */
  public static StepRecorder run(
      Scenario scenario, ArrivalSchedule schedule, String idPrefix, Duration drainTimeout)
      throws InterruptedException {
    StepRecorder recorder = new StepRecorder();
    long start = System.nanoTime();
    long late = 0;
    for (long i = 0, n = schedule.orders(); i < n; i++) {
      long due = start + schedule.offsetNanos(i);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (-wait > TimeUnit.MILLISECONDS.toNanos(10)) {
        late++;
      }
      String id = idPrefix + i;
      OrderTracker tracker = recorder.begin(id, due);
      try {
        scenario.start(id, tracker);
      } catch (RuntimeException e) {
        tracker.failed("start:" + e.getClass().getSimpleName());
      }
    }
    if (late > 0) {
      // The sender itself fell behind (a starved CPU): latencies still count from the due times.
      log.warn("{}: {} orders left more than 10 ms after their due time", idPrefix, late);
    }
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (recorder.openOrders() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    recorder.failOpen("no-end-in-time");
    return recorder;
  }
}
