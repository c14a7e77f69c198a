package org.ordersystem.api.recovery;

import java.time.Duration;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the recovery sweeps an operator starts decide ({@code orders.recovery.*}): the keys the
 * workers' scheduled sweeps read too, so a sweep started here decides as a scheduled one would. A
 * key left unset takes its value from {@link RecoverySettings#defaults()}.
 *
 * @param maxConcurrent at most this many retries or rollbacks at once
 */
@ConfigurationProperties("orders.recovery")
public record RecoveryProperties(
    Duration sweepInterval,
    Duration creatingStaleAfter,
    Integer maxConcurrent,
    Integer maxRetries,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    Duration maxPendingAge,
    Integer batchSize) {

  public RecoveryProperties {
    RecoverySettings defaults = RecoverySettings.defaults();
    sweepInterval = sweepInterval != null ? sweepInterval : defaults.sweepInterval();
    creatingStaleAfter =
        creatingStaleAfter != null ? creatingStaleAfter : defaults.creatingStaleAfter();
    maxConcurrent = maxConcurrent != null ? maxConcurrent : defaults.maxConcurrentRecoveries();
    maxRetries = maxRetries != null ? maxRetries : defaults.maxRetries();
    retryBackoff = retryBackoff != null ? retryBackoff : defaults.retryBackoff();
    maxRetryBackoff = maxRetryBackoff != null ? maxRetryBackoff : defaults.maxRetryBackoff();
    maxPendingAge = maxPendingAge != null ? maxPendingAge : defaults.maxPendingAge();
    batchSize = batchSize != null ? batchSize : defaults.batchSize();
  }

  /**
   * The settings a sweep started by the API carries.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public RecoverySettings settings() {
    try {
      return new RecoverySettings(
          sweepInterval,
          creatingStaleAfter,
          maxConcurrent,
          maxRetries,
          retryBackoff,
          maxRetryBackoff,
          maxPendingAge,
          batchSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("orders.recovery: " + e.getMessage(), e);
    }
  }
}
