package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void shouldAddUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
    String stat =
        "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 99";

    assertThat(ProcessCpu.ticks(stat)).isEqualTo(1234 + 567);
  }

  @Test
  void shouldReadThisProcessAndSubtractReadings() {
    ProcessCpu cpu = new ProcessCpu(Map.of("self", ProcessHandle.current().pid()), 100);

    Map<String, Double> before = cpu.read();
    assertThat(before.get("self")).isGreaterThanOrEqualTo(0);
    assertThat(ProcessCpu.difference(Map.of("self", 2.0), Map.of("self", 3.5)))
        .containsEntry("self", 1.5);
  }

  @Test
  void shouldParseProcessList() {
    assertThat(BenchOptions.parsePids("api:12, workers:34"))
        .containsExactly(Map.entry("api", 12L), Map.entry("workers", 34L));
    assertThat(BenchOptions.parsePids("")).isEmpty();
  }
}
