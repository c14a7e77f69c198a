package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ordersystem.bench.StepResults.overload;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadBoundsTest {

  private final OverloadBounds bounds = new OverloadBounds(Duration.ofSeconds(1), 0.001);

  @Test
  void shouldPassWhenTheExcessIsShedAndEveryAcceptedOrderCompletes() {
    BenchResult.Overload o = bounds.judge(3, 17, overload(765, 300, 300, 465, 800));

    assertThat(o.acceptWithinBound()).isTrue();
    assertThat(o.excessShed()).isTrue();
    assertThat(o.everyAcceptedCompleted()).isTrue();
    assertThat(o.passed()).isTrue();
    assertThat(o.failedUnaccepted()).isZero();
    assertThat(o.acceptedNotCompleted()).isZero();
  }

  @Test
  void shouldFailWhenAcceptedOrdersWaitTooLong() {
    BenchResult.Overload o = bounds.judge(3, 17, overload(765, 300, 300, 465, 1_000.1));

    assertThat(o.acceptWithinBound()).isFalse();
    assertThat(o.passed()).isFalse();
  }

  @Test
  void shouldFailWhenAnAcceptedOrderDoesNotComplete() {
    BenchResult.Overload o = bounds.judge(3, 17, overload(765, 300, 299, 465, 800));

    assertThat(o.acceptedNotCompleted()).isEqualTo(1);
    assertThat(o.everyAcceptedCompleted()).isFalse();
    assertThat(o.excessShed()).as("the order was accepted, not refused").isTrue();
    assertThat(o.passed()).isFalse();
  }

  @Test
  void shouldFailWhenTheExcessFailsInsteadOfBeingShed() {
    // 765 sent: 300 accepted and completed, 460 shed, 5 answered with errors (a 503, or a 429
    // without Retry-After).
    BenchResult.Overload o = bounds.judge(3, 17, overload(765, 300, 300, 460, 800));

    assertThat(o.failedUnaccepted()).isEqualTo(5);
    assertThat(o.excessShed()).isFalse();
    assertThat(o.everyAcceptedCompleted()).isTrue();
    assertThat(o.passed()).isFalse();
  }

  @Test
  void shouldFailWhenNothingWasAccepted() {
    BenchResult.Overload o = bounds.judge(3, 17, overload(765, 0, 0, 765, 0));

    assertThat(o.acceptWithinBound()).isFalse();
    assertThat(o.passed()).isFalse();
  }
}
