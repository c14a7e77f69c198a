package org.ordersystem.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts and latency histograms of one step of a run, filled concurrently by the orders' trackers.
 * Latencies are kept in microseconds from the intended start.
 */
public final class StepRecorder {

  /** Longest latency a histogram holds; anything slower is clamped to it. */
  static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Histogram accept = new ConcurrentHistogram(MAX_MICROS, 3);
  private final Histogram completion = new ConcurrentHistogram(MAX_MICROS, 3);
  private final Histogram shedAnswer = new ConcurrentHistogram(MAX_MICROS, 3);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acceptedCount = new AtomicLong();
  private final AtomicLong completedCount = new AtomicLong();
  private final AtomicLong failedCount = new AtomicLong();
  private final AtomicLong shedCount = new AtomicLong();
  private final AtomicLong lastEndNanos = new AtomicLong();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final Map<OrderTracker, Boolean> open = new ConcurrentHashMap<>();
  private final Queue<String> shedIds = new ConcurrentLinkedQueue<>();

  /** Starts tracking order {@code id}, due at {@code intendedNanos}. */
  public OrderTracker begin(String id, long intendedNanos) {
    sent.incrementAndGet();
    Tracker tracker = new Tracker(id, intendedNanos);
    open.put(tracker, Boolean.TRUE);
    return tracker;
  }

  /** Orders neither completed, failed nor shed yet. */
  public int openOrders() {
    return open.size();
  }

  /** Fails every order still open, with {@code kind}; used when a run stops waiting. */
  public void failOpen(String kind) {
    for (OrderTracker t : open.keySet()) {
      t.failed(kind);
    }
  }

  public long sent() {
    return sent.get();
  }

  public long accepted() {
    return acceptedCount.get();
  }

  public long completed() {
    return completedCount.get();
  }

  public long failed() {
    return failedCount.get();
  }

  /** Orders refused at the door (429 with Retry-After); not counted in {@link #failed()}. */
  public long shed() {
    return shedCount.get();
  }

  /** When the last order ended, {@link System#nanoTime()} scale; 0 when none did. */
  public long lastEndNanos() {
    return lastEndNanos.get();
  }

  public Histogram acceptMicros() {
    return accept.copy();
  }

  public Histogram completionMicros() {
    return completion.copy();
  }

  /** The ids of the shed orders, which the check after the run looks for (there must be none). */
  public List<String> shedIds() {
    return List.copyOf(shedIds);
  }

  /** How long the shed orders waited for their refusal, from the intended start. */
  public Histogram shedMicros() {
    return shedAnswer.copy();
  }

  /** Failure kinds and their counts, sorted by kind. */
  public Map<String, Long> failureKinds() {
    Map<String, Long> kinds = new TreeMap<>();
    failures.forEach((k, v) -> kinds.put(k, v.get()));
    return kinds;
  }

  private static long micros(long fromNanos, long toNanos) {
    return Math.min(MAX_MICROS, Math.max(0, (toNanos - fromNanos) / 1_000));
  }

  private void ended(long now) {
    lastEndNanos.accumulateAndGet(now, Math::max);
  }

  private final class Tracker implements OrderTracker {
    private final String id;
    private final long intended;
    private final AtomicBoolean wasAccepted = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    Tracker(String id, long intended) {
      this.id = id;
      this.intended = intended;
    }

    @Override
    public long intendedNanos() {
      return intended;
    }

    @Override
    public void accepted() {
      if (!ended.get() && wasAccepted.compareAndSet(false, true)) {
        accept.recordValue(micros(intended, System.nanoTime()));
        acceptedCount.incrementAndGet();
      }
    }

    @Override
    public void completed() {
      long now = System.nanoTime();
      if (ended.compareAndSet(false, true)) {
        completion.recordValue(micros(intended, now));
        completedCount.incrementAndGet();
        ended(now);
        open.remove(this);
      }
    }

    @Override
    public void shed() {
      long now = System.nanoTime();
      if (ended.compareAndSet(false, true)) {
        shedAnswer.recordValue(micros(intended, now));
        shedCount.incrementAndGet();
        shedIds.add(id);
        ended(now);
        open.remove(this);
      }
    }

    @Override
    public void failed(String kind) {
      if (ended.compareAndSet(false, true)) {
        failedCount.incrementAndGet();
        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        ended(System.nanoTime());
        open.remove(this);
      }
    }
  }
}
