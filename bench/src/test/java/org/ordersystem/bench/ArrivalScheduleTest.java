package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  @Test
  void shouldSpaceOrdersEvenlyAtTheRate() {
    ArrivalSchedule schedule = new ArrivalSchedule(100, Duration.ofSeconds(10));

    assertThat(schedule.orders()).isEqualTo(1_000);
    assertThat(schedule.offsetNanos(0)).isZero();
    assertThat(schedule.offsetNanos(1)).isEqualTo(10_000_000);
    assertThat(schedule.offsetNanos(999)).isEqualTo(9_990_000_000L);
  }

  @Test
  void shouldHandleFractionalRates() {
    ArrivalSchedule schedule = new ArrivalSchedule(2.5, Duration.ofSeconds(2));

    assertThat(schedule.orders()).isEqualTo(5);
    assertThat(schedule.offsetNanos(4)).isEqualTo(1_600_000_000L);
  }

  @Test
  void shouldRefuseANonPositiveRate() {
    assertThatThrownBy(() -> new ArrivalSchedule(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
