package org.ordersystem.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Temporal runs ({@code orders.temporal.*}).
 *
 * @param target host:port of the Temporal frontend
 * @param readTimeout bound on queries and describes sent while answering a request
 */
@ConfigurationProperties("orders.temporal")
public record TemporalProperties(String target, String namespace, Duration readTimeout) {

  public TemporalProperties {
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("orders.temporal.target is required");
    }
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("orders.temporal.namespace is required");
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("orders.temporal.read-timeout must be positive");
    }
  }
}
