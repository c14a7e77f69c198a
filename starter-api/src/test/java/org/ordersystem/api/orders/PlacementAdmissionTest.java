package org.ordersystem.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;

/** The bound on placements in flight, on its own: a placement nested in another holds a place. */
class PlacementAdmissionTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void shouldRefusePastTheBoundWithoutRunningThePlacement() {
    PlacementAdmission admission = admission(1, Duration.ofSeconds(3));
    AtomicBoolean ran = new AtomicBoolean();

    admission.admit(
        () ->
            assertThatThrownBy(() -> admission.admit(() -> ran.getAndSet(true)))
                .isInstanceOfSatisfying(
                    ApiProblem.class,
                    p -> {
                      assertThat(p.problemType()).isEqualTo(ProblemType.TOO_MANY_PLACEMENTS);
                      assertThat(p.retryAfter()).contains(Duration.ofSeconds(3));
                      assertThat(p.getMessage()).contains("same Idempotency-Key");
                    }));

    assertThat(ran).isFalse();
  }

  @Test
  void shouldAdmitUpToTheBound() {
    PlacementAdmission admission = admission(2, Duration.ofSeconds(1));

    String placed = admission.admit(() -> admission.admit(() -> "second"));

    assertThat(placed).isEqualTo("second");
    assertThat(admission.inFlight()).isZero();
  }

  @Test
  void shouldGiveThePlaceBackWhenAPlacementFails() {
    PlacementAdmission admission = admission(1, Duration.ofSeconds(1));

    assertThatThrownBy(
            () ->
                admission.admit(
                    () -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(admission.inFlight()).isZero();
    assertThat(admission.admit(() -> "next")).isEqualTo("next");
  }

  @Test
  void shouldCountRefusalsAndGaugeThePlacementsInFlight() {
    PlacementAdmission admission = admission(1, Duration.ofSeconds(1));

    admission.admit(
        () -> {
          assertThat(meters.get("orders.api.placements.in.flight").gauge().value()).isEqualTo(1);
          for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> admission.admit(() -> "shed")).isInstanceOf(ApiProblem.class);
          }
          return null;
        });

    assertThat(meters.get("orders.api.placements.shed").counter().count()).isEqualTo(2);
    assertThat(meters.get("orders.api.placements.in.flight").gauge().value()).isZero();
  }

  @Test
  void shouldRefuseABoundAboveTheTemporalCallBound() {
    assertThatThrownBy(
            () -> new ApiProperties(Duration.ofSeconds(5), 65536, 8, 9, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders.api.max-placements-in-flight");
  }

  private PlacementAdmission admission(int bound, Duration retryAfter) {
    return new PlacementAdmission(
        new ApiProperties(Duration.ofSeconds(5), 65536, 8, bound, retryAfter), meters);
  }
}
