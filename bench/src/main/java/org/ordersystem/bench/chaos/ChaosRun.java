package org.ordersystem.bench.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Places the plan's orders with a fixed number of shoppers (a closed loop: a shopper takes the next
 * order when it is done with its last), phase after phase, and carries out the schedule: a phase's
 * faults before its first order, its kill once half of its orders are out, so the killed part dies
 * with orders in the middle of their steps.
 */
final class ChaosRun {

  /** How long a killed part stays down before it is started again. */
  private static final Duration DOWNTIME = Duration.ofSeconds(3);

  private final ChaosPlan plan;
  private final int shoppers;
  private final Shopper shopper;
  private final FaultSwitch faults;
  private final PartControl parts;
  private final Map<String, Long> kills = new TreeMap<>();

  ChaosRun(ChaosPlan plan, int shoppers, Shopper shopper, FaultSwitch faults, PartControl parts) {
    this.plan = plan;
    this.shoppers = shoppers;
    this.shopper = shopper;
    this.faults = faults;
    this.parts = parts;
  }

  void run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(shoppers);
    ExecutorService killer = Executors.newSingleThreadExecutor();
    Semaphore free = new Semaphore(shoppers);
    Future<?> lastKill = null;
    int phaseNo = 0;
    for (Phase phase : plan.phases()) {
      phaseNo++;
      faults.enter(phase);
      System.out.printf(
          "phase %d/%d: orders %d-%d, faults %s%s%n",
          phaseNo,
          plan.phases().size(),
          phase.from(),
          phase.to() - 1,
          phase.faults().isEmpty() ? "none" : phase.faults(),
          phase.kill().map(p -> ", kill -9 " + p).orElse(""));
      int killAt = (phase.from() + phase.to()) / 2;
      for (int i = phase.from(); i < phase.to(); i++) {
        if (i == killAt && phase.kill().isPresent()) {
          if (lastKill != null) {
            lastKill.get(); // one part down at a time
          }
          String part = phase.kill().get();
          lastKill = killer.submit(() -> killAndRestart(part));
        }
        free.acquire();
        ChaosOrder order = plan.orders().get(i);
        pool.submit(
            () -> {
              try {
                shopper.play(order);
              } catch (RuntimeException e) {
                System.err.println("order " + order.index() + " broke the client: " + e);
              } finally {
                free.release();
              }
            });
      }
    }
    if (lastKill != null) {
      lastKill.get();
    }
    pool.shutdown();
    killer.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
  }

  Map<String, Long> kills() {
    synchronized (kills) {
      return new TreeMap<>(kills);
    }
  }

  private Void killAndRestart(String part) throws Exception {
    long started = System.nanoTime();
    parts.kill(part);
    synchronized (kills) {
      kills.merge(part, 1L, Long::sum);
    }
    Thread.sleep(DOWNTIME.toMillis());
    parts.start(part);
    if (part.equals("services")) {
      faults.reapply();
    }
    System.out.printf(
        "  kill -9 %s, started again: up after %d s%n",
        part, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    return null;
  }
}
