package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ordersystem.bench.RestOrderScenario.Answer;

class RestOrderScenarioTest {

  @Test
  void shouldReadTheOrderOfASuccessfulAnswer() {
    assertThat(Answer.of(201, Optional.empty())).isEqualTo(Answer.ORDER);
    assertThat(Answer.of(200, Optional.empty())).isEqualTo(Answer.ORDER);
    assertThat(Answer.of(202, Optional.empty())).isEqualTo(Answer.ORDER);
  }

  @Test
  void shouldCountA429WithRetryAfterAsAShed() {
    assertThat(Answer.of(429, Optional.of("1"))).isEqualTo(Answer.SHED);
  }

  @Test
  void shouldCountA429WithoutRetryAfterAsAnError() {
    assertThat(Answer.of(429, Optional.empty())).isEqualTo(Answer.ERROR);
    assertThat(Answer.of(429, Optional.of(" "))).isEqualTo(Answer.ERROR);
    assertThat(Answer.errorKind(429)).isEqualTo("http-429-without-retry-after");
  }

  @Test
  void shouldCountA503AsAnErrorEvenWithRetryAfter() {
    assertThat(Answer.of(503, Optional.of("1"))).isEqualTo(Answer.ERROR);
    assertThat(Answer.errorKind(503)).isEqualTo("http-503");
  }
}
