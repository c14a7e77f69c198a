package org.ordersystem.metrics;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every Temporal meter of one name on one set of tag keys, as Prometheus requires: a meter
 * whose keys differ from the first one of its name is otherwise refused by the registry and lost.
 *
 * <p>The SDK tags a client call that carries an update ({@code update_name}) with one key more than
 * the same meter of a poll or a signal, so a process that does both (the API's Update-with-Start
 * beside its queries; the one-JVM stack, where API and workers share a registry) would lose the
 * later one. Here a missing key gets the SDK's {@code none} and an extra key is dropped, so the
 * meter survives with the key set its name was first registered with.
 */
// StatsReporter's histogram methods take Tally's raw and deprecated Buckets; they are passed on.
@SuppressWarnings({"rawtypes", "deprecation"})
final class ConsistentTagsReporter implements StatsReporter {

  private static final String NONE = "none";

  private final StatsReporter delegate;
  private final Map<String, Set<String>> keysByName;

  /**
   * @param keysByName the key set of each name, shared by every reporter into the same registry
   */
  ConsistentTagsReporter(StatsReporter delegate, Map<String, Set<String>> keysByName) {
    this.delegate = delegate;
    this.keysByName = keysByName;
  }

  static Map<String, Set<String>> newKeyIndex() {
    return new ConcurrentHashMap<>();
  }

  Map<String, String> align(String name, Map<String, String> tags) {
    Set<String> keys = keysByName.computeIfAbsent(name, n -> Set.copyOf(tags.keySet()));
    if (keys.equals(tags.keySet())) {
      return tags;
    }
    Map<String, String> aligned = new HashMap<>();
    for (String key : keys) {
      aligned.put(key, tags.getOrDefault(key, NONE));
    }
    return aligned;
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    delegate.reportCounter(name, align(name, tags), value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    delegate.reportGauge(name, align(name, tags), value);
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    delegate.reportTimer(name, align(name, tags), interval);
  }

  @Override
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {
    delegate.reportHistogramValueSamples(
        name, align(name, tags), buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {
    delegate.reportHistogramDurationSamples(
        name, align(name, tags), buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
