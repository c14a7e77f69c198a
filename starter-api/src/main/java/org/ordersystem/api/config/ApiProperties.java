package org.ordersystem.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour of the REST API ({@code orders.api.*}).
 *
 * @param acceptTimeout how long POST /orders waits for acceptance before answering 202
 * @param maxBodyBytes request bodies above this size are refused with 413
 * @param maxTemporalCalls concurrent Temporal calls in flight; beyond it the API answers 503
 * @param maxPlacementsInFlight order placements (POST /orders) in flight; beyond it the API answers
 *     429 before doing anything with the request
 * @param shedRetryAfter the Retry-After of that 429
 */
@ConfigurationProperties("orders.api")
public record ApiProperties(
    Duration acceptTimeout,
    long maxBodyBytes,
    int maxTemporalCalls,
    int maxPlacementsInFlight,
    Duration shedRetryAfter) {

  public ApiProperties {
    if (acceptTimeout == null || acceptTimeout.isNegative() || acceptTimeout.isZero()) {
      throw new IllegalArgumentException("orders.api.accept-timeout must be positive");
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("orders.api.max-body-bytes must be positive");
    }
    if (maxTemporalCalls < 1) {
      throw new IllegalArgumentException("orders.api.max-temporal-calls must be positive");
    }
    if (maxPlacementsInFlight < 1) {
      throw new IllegalArgumentException("orders.api.max-placements-in-flight must be positive");
    }
    // Each placement holds a Temporal call; above the call bound, overload would answer 503 from
    // the call pool (and starve the reads sharing it) before the placements' 429 could.
    if (maxPlacementsInFlight > maxTemporalCalls) {
      throw new IllegalArgumentException(
          "orders.api.max-placements-in-flight ("
              + maxPlacementsInFlight
              + ") must not exceed orders.api.max-temporal-calls ("
              + maxTemporalCalls
              + ")");
    }
    if (shedRetryAfter == null || shedRetryAfter.isNegative() || shedRetryAfter.isZero()) {
      throw new IllegalArgumentException("orders.api.shed-retry-after must be positive");
    }
  }
}
