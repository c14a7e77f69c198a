package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepRecorderTest {

  @Test
  void shouldCountOnlyTheFirstEndOfAnOrder() {
    StepRecorder recorder = new StepRecorder();
    OrderTracker order = recorder.begin("o1", System.nanoTime());

    order.accepted();
    order.completed();
    order.failed("late");

    assertThat(recorder.completed()).isEqualTo(1);
    assertThat(recorder.failed()).isZero();
    assertThat(recorder.acceptMicros().getTotalCount()).isEqualTo(1);
    assertThat(recorder.openOrders()).isZero();
  }

  @Test
  void shouldFailOpenOrdersWithAKind() {
    StepRecorder recorder = new StepRecorder();
    recorder.begin("o2", System.nanoTime()).accepted();
    recorder.begin("o3", System.nanoTime()).completed();

    recorder.failOpen("no-end-in-time");

    assertThat(recorder.failureKinds()).containsEntry("no-end-in-time", 1L);
    assertThat(recorder.sent()).isEqualTo(2);
  }

  @Test
  void shouldRecordAShedApartFromErrorsAndEndTheOrder() {
    StepRecorder recorder = new StepRecorder();
    OrderTracker order = recorder.begin("o4", System.nanoTime());

    order.shed();
    order.completed();
    order.failed("late");

    assertThat(recorder.shed()).isEqualTo(1);
    assertThat(recorder.shedMicros().getTotalCount()).isEqualTo(1);
    assertThat(recorder.failed()).isZero();
    assertThat(recorder.failureKinds()).isEmpty();
    assertThat(recorder.accepted()).isZero();
    assertThat(recorder.completed()).isZero();
    assertThat(recorder.openOrders()).as("a shed order is not waited for").isZero();
    assertThat(recorder.shedIds()).containsExactly("o4");
  }

  @Test
  void shouldNotShedAnOrderThatAlreadyEnded() {
    StepRecorder recorder = new StepRecorder();
    OrderTracker order = recorder.begin("o5", System.nanoTime());

    order.failed("http-503");
    order.shed();

    assertThat(recorder.shed()).isZero();
    assertThat(recorder.shedIds()).isEmpty();
    assertThat(recorder.failed()).isEqualTo(1);
  }

  @Test
  void shouldMeasureFromTheIntendedStart() {
    StepRecorder recorder = new StepRecorder();
    OrderTracker late = recorder.begin("o6", System.nanoTime() - 2_000_000_000L);

    late.completed();

    assertThat(recorder.completionMicros().getMaxValue()).isGreaterThanOrEqualTo(2_000_000);
  }
}
