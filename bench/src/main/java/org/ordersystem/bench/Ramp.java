package org.ordersystem.bench;

import java.util.OptionalDouble;

/**
 * Finds the highest sustainable rate: grows the rate by {@code factor} from {@code startRate} while
 * steps pass, then bisects between the last rate that passed and the first that failed, {@code
 * refinements} times. Rates are whole orders per second.
 */
public final class Ramp {

  private final double factor;
  private final double maxRate;
  private int refinementsLeft;
  private double next;
  private double highestPass;
  private double lowestFail = Double.POSITIVE_INFINITY;
  private boolean done;

  public Ramp(double startRate, double factor, int refinements, double maxRate) {
    if (!(factor > 1)) {
      throw new IllegalArgumentException("factor must be above 1, was " + factor);
    }
    this.factor = factor;
    this.maxRate = maxRate;
    this.refinementsLeft = refinements;
    this.next = Math.max(1, Math.round(startRate));
  }

  /** The rate to try next, or empty when the search is over. */
  public OptionalDouble next() {
    return done ? OptionalDouble.empty() : OptionalDouble.of(next);
  }

  /** Reports the step at {@link #next()}: whether it was sustained. */
  public void report(boolean sustained) {
    if (sustained) {
      highestPass = Math.max(highestPass, next);
    } else {
      lowestFail = Math.min(lowestFail, next);
    }
    if (lowestFail == Double.POSITIVE_INFINITY) {
      double grown = Math.max(next + 1, Math.round(next * factor));
      if (grown > maxRate) {
        done = true;
      }
      next = grown;
      return;
    }
    double middle = Math.round((highestPass + lowestFail) / 2);
    if (refinementsLeft-- <= 0 || middle <= highestPass || middle >= lowestFail) {
      done = true;
      return;
    }
    next = middle;
  }

  /** The highest rate that passed; 0 when none did. */
  public double highestSustained() {
    return highestPass;
  }
}
