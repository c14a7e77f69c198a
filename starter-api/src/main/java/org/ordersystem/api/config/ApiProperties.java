package org.ordersystem.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Behaviour of the REST API ({@code orders.api.*}).
 *
 * @param acceptTimeout how long POST /orders waits for acceptance before answering 202
 * @param maxBodyBytes request bodies above this size are refused with 413
 * @param maxTemporalCalls concurrent Temporal calls in flight; beyond it the API answers 503
 */
@ConfigurationProperties("orders.api")
public record ApiProperties(Duration acceptTimeout, long maxBodyBytes, int maxTemporalCalls) {

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
  }
}
