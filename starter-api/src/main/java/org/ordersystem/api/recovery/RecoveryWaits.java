package org.ordersystem.api.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the ops recovery endpoints wait before answering 202 ({@code orders.api.recovery.*}).
 *
 * @param actionWait how long a retry or rollback of a PENDING order is waited for (its validator's
 *     verdict, then its result); default 5 seconds
 * @param sweepWait how long a sweep an operator starts is waited for; default 30 seconds
 */
@ConfigurationProperties("orders.api.recovery")
public record RecoveryWaits(Duration actionWait, Duration sweepWait) {

  public RecoveryWaits {
    actionWait = positive(actionWait, Duration.ofSeconds(5), "action-wait");
    sweepWait = positive(sweepWait, Duration.ofSeconds(30), "sweep-wait");
  }

  private static Duration positive(Duration value, Duration otherwise, String name) {
    if (value == null) {
      return otherwise;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("orders.api.recovery." + name + " must be positive");
    }
    return value;
  }
}
