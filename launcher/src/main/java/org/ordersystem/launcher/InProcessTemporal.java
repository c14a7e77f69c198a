package org.ordersystem.launcher;

import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process Temporal test server, made fit for a stack that runs for hours: {@code dev/run}
 * and the benchmark ({@code bench/run} runs {@link #main} in a JVM of its own).
 *
 * <p>temporal-test-server (1.38.0) leaks: its {@code SelfAdvancingTimerImpl} appends every
 * time-skipping lock and unlock to a {@code LinkedList} that it keeps "for debugging purposes only"
 * and never trims, and every change to a workflow's state takes such a lock and releases it by
 * {@code LinkedList.remove}, a linear scan from the oldest entry. Each activity adds two entries
 * for good, so after N orders every state change scans about 18·N of them: the server's CPU per
 * order grows with every order ever placed (47% of its CPU was in that scan in the benchmark's
 * profile, docs/performance.md) and its memory with them. The list only feeds a diagnostic dump;
 * whether time may skip is decided by a separate lock counter, which stays as it is. So the list is
 * replaced, under the timer's own lock, by one that keeps nothing.
 *
 * <p>A library upgrade that renames these private fields leaves the server as it comes (with the
 * leak) and logs a warning; {@code InProcessTemporalTest} fails then, so the upgrade is noticed.
 */
public final class InProcessTemporal {

  private static final Logger log = LoggerFactory.getLogger(InProcessTemporal.class);

  private InProcessTemporal() {}

  /**
   * Starts the server on {@code port}. Time skipping stays locked, so timers run in real time as
   * shops and operators expect.
   */
  static TestServer.PortBoundTestServer start(int port) {
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    if (!stopLockEventLog(server)) {
      log.warn(
          "Could not stop the test server's lock event log (temporal-test-server changed?): its"
              + " CPU per order will grow with every order placed");
    }
    return server;
  }

  /** Runs the server alone until the JVM is stopped. Argument: the port (7233). */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7233;
    TestServer.PortBoundTestServer server = start(port);
    log.info("In-process Temporal server on localhost:{}", port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  /**
   * Swaps the timer's lock event log for one that keeps nothing.
   *
   * @return whether it was swapped
   */
  static boolean stopLockEventLog(TestServer.PortBoundTestServer server) {
    try {
      Object timer = timerOf(server);
      Lock timerLock = (Lock) read(timer, "lock");
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      timerLock.lock();
      try {
        events.set(timer, new NoLockEvents());
      } finally {
        timerLock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("Lock event log not swapped", e);
      return false;
    }
  }

  /** Whether the server runs with the lock event log swapped out. */
  static boolean lockEventLogStopped(TestServer.PortBoundTestServer server) {
    try {
      return read(timerOf(server), "lockEvents") instanceof NoLockEvents;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** The server's {@code SelfAdvancingTimerImpl}. */
  private static Object timerOf(TestServer.PortBoundTestServer server)
      throws ReflectiveOperationException {
    return read(read(server, "testServicesStarter"), "selfAdvancingTimer");
  }

  private static Object read(Object owner, String fieldName) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(fieldName);
    field.setAccessible(true);
    return field.get(owner);
  }

  /**
   * A log that keeps no event: an added event is dropped, and a removal finds what it looks for, as
   * it would have in the kept list (the timer removes only the events of locks it handed out).
   */
  private static final class NoLockEvents extends LinkedList<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }
}
