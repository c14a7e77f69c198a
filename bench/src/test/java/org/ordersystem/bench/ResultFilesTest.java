package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

  private static StepResult step(String scenario, double rate, boolean sustained) {
    return step(scenario, rate, sustained, 0);
  }

  private static StepResult step(String scenario, double rate, boolean sustained, long shed) {
    StepResult.Percentiles p = new StepResult.Percentiles(10, 100, 150, 200, 250, 300, 110);
    StepResult.Percentiles shedAnswer = new StepResult.Percentiles(shed, 2, 3, 4, 4, 5, 2.5);
    return new StepResult(
        scenario,
        rate,
        20,
        10,
        10,
        10,
        0,
        Map.of(),
        rate,
        0,
        p,
        p,
        new TreeMap<>(Map.of("api", 0.002, "workers", 0.004)),
        Map.of("api", 0.01),
        sustained,
        shed,
        shed / 10.0,
        shedAnswer);
  }

  private static BenchResult result() {
    return new BenchResult(
        "test",
        "embedded",
        "abc123",
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:10:00Z",
        new BenchResult.Machine(2, "cpu", "Linux", "java 17", "0.1 0.1 0.1", "1.0 1.0 1.0"),
        new BenchResult.Settings(1000, 0.001, 0.95, 20, 60, 0.5, 20, 10, Map.of(), 0.001),
        List.of(
            new BenchResult.ScenarioResult(
                "order",
                List.of(step("order", 40, true), step("order", 60, false, 3)),
                40,
                step("order", 20, true))),
        Map.of("order/ceiling", 0.5),
        null);
  }

  @Test
  void shouldWriteJsonAndAMarkdownTable(@TempDir Path dir) throws Exception {
    ResultFiles.write(result(), dir);

    assertThat(Files.readString(dir.resolve("result.json")))
        .contains("\"highestSustainedRate\" : 40.0")
        .contains("\"commit\" : \"abc123\"")
        .contains("\"shed\" : 3")
        .contains("\"maxShedRatio\" : 0.001");
    String md = Files.readString(dir.resolve("result.md"));
    assertThat(md)
        .contains("errors <= 0.1%, shed (429) <= 0.1%,")
        .contains(
            "| order | 40 | 20 | 20.0 | 100.0 / 200.0 | 100.0 / 200.0 / 300.0 | 0 of 10 | 0 |")
        .contains("- order/ceiling: 0.50")
        .contains("| order | 2.0 | 4.0 | 6.0 |")
        .contains("| order | 0.01 | NaN |")
        .contains("| order | 40 | 10 | 40.0 | 100.0 / 200.0 | 0  | 0 | yes |")
        .contains("| order | 60 | 10 | 60.0 | 100.0 / 200.0 | 0  | 3 | no |");
  }
}
