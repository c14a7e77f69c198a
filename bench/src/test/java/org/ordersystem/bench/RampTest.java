package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RampTest {

  /** Runs a ramp against a system that sustains rates for which {@code passes} holds. */
  private static List<Double> tried(Ramp ramp, DoublePredicate passes) {
    List<Double> rates = new ArrayList<>();
    for (var next = ramp.next(); next.isPresent(); next = ramp.next()) {
      rates.add(next.getAsDouble());
      ramp.report(passes.test(next.getAsDouble()));
    }
    return rates;
  }

  @Test
  void shouldGrowThenBisectBetweenTheLastPassAndTheFirstFailure() {
    Ramp ramp = new Ramp(10, 2, 2, 1_000);

    List<Double> rates = tried(ramp, r -> r <= 50);

    assertThat(rates).containsExactly(10.0, 20.0, 40.0, 80.0, 60.0, 50.0);
    assertThat(ramp.highestSustained()).isEqualTo(50);
  }

  @Test
  void shouldStopAtTheMaximumRateWhenEverythingPasses() {
    Ramp ramp = new Ramp(10, 2, 2, 50);

    List<Double> rates = tried(ramp, r -> true);

    assertThat(rates).containsExactly(10.0, 20.0, 40.0);
    assertThat(ramp.highestSustained()).isEqualTo(40);
  }

  @Test
  void shouldReportZeroWhenTheFirstStepFails() {
    Ramp ramp = new Ramp(10, 1.5, 0, 1_000);

    assertThat(tried(ramp, r -> false)).containsExactly(10.0);
    assertThat(ramp.highestSustained()).isZero();
  }

  @Test
  void shouldStopRefiningWhenRatesAreAdjacent() {
    Ramp ramp = new Ramp(1, 2, 10, 1_000);

    List<Double> rates = tried(ramp, r -> r <= 2);

    assertThat(rates).containsExactly(1.0, 2.0, 4.0, 3.0);
    assertThat(ramp.highestSustained()).isEqualTo(2);
  }

  @Test
  void shouldJudgeAStepAgainstEveryBound() {
    RampBounds bounds = new RampBounds(Duration.ofMillis(500), 0.001, 0.001, 0.95);

    assertThat(bounds.sustained(1_000, 1, 1, 50, 49, 400)).isTrue();
    assertThat(bounds.sustained(1_000, 2, 0, 50, 49, 400)).as("too many errors").isFalse();
    assertThat(bounds.sustained(1_000, 0, 2, 50, 49, 400)).as("too many shed").isFalse();
    assertThat(bounds.sustained(1_000, 0, 0, 50, 49, 501)).as("p99 too slow").isFalse();
    assertThat(bounds.sustained(1_000, 0, 0, 50, 40, 400)).as("falling behind").isFalse();
    assertThat(bounds.sustained(0, 0, 0, 50, 0, 0)).as("nothing sent").isFalse();
  }

  @Test
  void shouldNotSustainAStepOfADefaultRampThatShedsEvenOneOrder() {
    RampBounds bounds = new RampBounds(Duration.ofSeconds(1), 0.001, 0.001, 0.95);

    // 15 s at 17 orders/s: 0.1% of 255 orders is less than one.
    assertThat(bounds.sustained(255, 0, 0, 17, 17, 800)).isTrue();
    assertThat(bounds.sustained(255, 0, 1, 17, 17, 800)).isFalse();
  }

  @Test
  void shouldBoundShedsApartFromErrors() {
    RampBounds shedsTolerated = new RampBounds(Duration.ofSeconds(1), 0.001, 0.01, 0.95);

    assertThat(shedsTolerated.sustained(1_000, 1, 10, 50, 49, 400))
        .as("sheds within their own bound do not use up the error bound")
        .isTrue();
    assertThat(shedsTolerated.sustained(1_000, 2, 0, 50, 49, 400))
        .as("the shed bound does not loosen the error bound")
        .isFalse();
  }
}
