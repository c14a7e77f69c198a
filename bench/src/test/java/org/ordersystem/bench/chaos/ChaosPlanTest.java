package org.ordersystem.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

  @Test
  void shouldGiveTheSameOrdersAndScheduleForTheSameSeed() {
    ChaosPlan first = ChaosPlan.of(7, 300, 25, 3);
    ChaosPlan again = ChaosPlan.of(7, 300, 25, 3);

    assertThat(again.orders()).isEqualTo(first.orders());
    assertThat(again.phases()).isEqualTo(first.phases());
    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    assertThat(ChaosPlan.of(8, 300, 25, 3).fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void shouldCoverEveryShapeFaultAndKillInTheCiRun() {
    ChaosPlan plan = ChaosPlan.of(7, 300, 25, 3);

    assertThat(plan.orders().stream().map(ChaosOrder::shape).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(OrderShape.values());
    Set<String> faults = new TreeSet<>();
    plan.phases()
        .forEach(
            p ->
                p.faults()
                    .forEach(
                        (service, body) -> {
                          for (String field : body.replaceAll("[{}\"]", "").split(",")) {
                            faults.add(service + "." + field.split(":")[0]);
                          }
                        }));
    for (String service : ChaosPlan.SERVICES) {
      assertThat(faults)
          .contains(
              service + ".errorRate",
              service + ".latencyMs",
              service + ".outage",
              service + ".commitThenTimeout");
    }
    assertThat(faults).contains("psp.duplicateEvents", "psp.reorderEvents");
    assertThat(plan.phases().stream().flatMap(p -> p.kill().stream()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ChaosPlan.KILLABLE);
    assertThat(plan.phases().get(0).faults()).isEmpty();
  }

  @Test
  void shouldKeyEveryOrderBySeedAndIndex() {
    ChaosPlan plan = ChaosPlan.of(7, 50, 25, 3);

    assertThat(plan.orders().get(12).idempotencyKey()).isEqualTo("chaos-7-12");
    assertThat(plan.orders())
        .filteredOn(
            o -> o.shape() == OrderShape.REFUND_LINES || o.shape() == OrderShape.REFUND_AMOUNT)
        .allMatch(o -> o.refundBody() != null);
  }
}
