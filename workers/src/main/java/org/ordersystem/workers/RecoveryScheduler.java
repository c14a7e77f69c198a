package org.ordersystem.workers;

import java.util.Locale;

/** How the periodic recovery sweep is started ({@code ORDERS_RECOVERY_SCHEDULER}). */
public enum RecoveryScheduler {
  /** A Schedule when the server has Schedules, else the timer loop. */
  AUTO,
  /** A Temporal Schedule {@code recovery-sweep}, visible and pausable in Temporal UI. */
  SCHEDULE,
  /** A long-running workflow that sweeps on a timer, for servers without Schedules. */
  TIMER,
  /** No periodic sweep: operators start sweeps by hand. */
  OFF;

  /** Parses {@code auto}, {@code schedule}, {@code timer} or {@code off}, in any case. */
  public static RecoveryScheduler parse(String variable, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw EnvValues.invalid(variable, value, "one of auto, schedule, timer, off", e);
    }
  }
}
