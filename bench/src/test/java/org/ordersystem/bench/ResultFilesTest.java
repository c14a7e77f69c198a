package org.ordersystem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

  private static StepResult step(String scenario, double rate, boolean sustained) {
    return StepResults.step(scenario, rate, sustained, 0);
  }

  private static BenchResult result(BenchResult.Overload overload) {
    return result(overload, null);
  }

  private static BenchResult result(BenchResult.Overload overload, Conservation.Verdict check) {
    return new BenchResult(
        "test",
        "embedded",
        "abc123",
        "2025-01-01T00:00:00Z",
        "2025-01-01T00:10:00Z",
        new BenchResult.Machine(2, "cpu", "Linux", "java 17", "0.1 0.1 0.1", "1.0 1.0 1.0"),
        new BenchResult.Settings(1000, 0.001, 0.95, 20, 60, 0.5, 20, 10, Map.of(), 0.001, 3, 15),
        List.of(
            new BenchResult.ScenarioResult(
                "order",
                List.of(step("order", 40, true), StepResults.step("order", 60, false, 3)),
                40,
                step("order", 20, true),
                overload)),
        Map.of("order/ceiling", 0.5),
        check);
  }

  @Test
  void shouldCountTheCoresBusyOverTheSentOrdersNotTheCompletedOnes() {
    // The s5-check20 step: 600 sent, 235 admitted and completed at 7.74/s, 99.5 ms per sent order.
    StepResult.Percentiles p = new StepResult.Percentiles(235, 988, 1297, 1595, 1614, 1614, 1012);
    StepResult step =
        new StepResult(
            "order", 20, 30, 600, 235, 235, 0, Map.of(), 7.74, 0, p, p, Map.of(), Map.of(), false,
            365, 0.61, p);

    assertThat(ResultFiles.coresBusy(step, 99.5)).isBetween(1.95, 1.97);
  }

  @Test
  void shouldWriteJsonAndAMarkdownTable(@TempDir Path dir) throws Exception {
    ResultFiles.write(result(null), dir);

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
        .contains("| order | 2.0 | 4.0 | 6.0 | 0.00 |")
        .contains("| order | 0.01 | NaN |")
        .contains("| order | 40 | 10 | 40.0 | 100.0 / 200.0 | 0  | 0 | yes |")
        .contains("| order | 60 | 10 | 60.0 | 100.0 / 200.0 | 0  | 3 | no |");
  }

  @Test
  void shouldLeaveTheOverloadOutWhenItDidNotRun() {
    assertThat(ResultFiles.markdown(result(null))).doesNotContain("Overload");
  }

  @Test
  void shouldWriteTheOverloadStepAndItsVerdict(@TempDir Path dir) throws Exception {
    OverloadBounds bounds = new OverloadBounds(Duration.ofSeconds(1), 0.001);

    ResultFiles.write(
        result(bounds.judge(3, 17, StepResults.overload(765, 300, 300, 465, 800))), dir);

    assertThat(Files.readString(dir.resolve("result.json")))
        .contains("\"overload\" : {")
        .contains("\"everyAcceptedCompleted\" : true")
        .contains("\"passed\" : true");
    assertThat(Files.readString(dir.resolve("result.md")))
        .contains("## Overload")
        .contains("15 s at 3 times the highest sustainable rate")
        .contains("accept p99 <= 1000 ms")
        .contains(
            "| order | 51 | 765 | 300 | 465 | 0  | 400.0 / 800.0 / 800.0 | 1.5 / 8.0 / 9.5"
                + " | 900.0 / 4000.0 / 5000.0 | yes | passed |");
  }

  @Test
  void shouldSayWhichPartOfTheOverloadVerdictFailed() {
    OverloadBounds bounds = new OverloadBounds(Duration.ofSeconds(1), 0.001);

    String md =
        ResultFiles.markdown(
            result(bounds.judge(3, 17, StepResults.overload(765, 300, 298, 400, 1_200))));

    assertThat(md)
        .contains("| 67 {http-503=67} |")
        .contains(
            "| no, 2 not | FAILED: accept p99 over the bound, 65 failed instead of shed, accepted"
                + " orders not completed |");
  }

  @Test
  void shouldSayWhenTheOverloadShedNothing() {
    OverloadBounds bounds = new OverloadBounds(Duration.ofSeconds(1), 0.001);

    String md =
        ResultFiles.markdown(
            result(bounds.judge(3, 17, StepResults.overload(765, 765, 765, 0, 300))));

    assertThat(md).contains("| - | ").contains("| yes | passed (nothing shed) |");
  }

  @Test
  void shouldSayThatShedPlacementsLeftNoKey() {
    Conservation.Snapshot snapshot = new Conservation.Snapshot(100, 0, 1_000, 0, 100, 0);
    Conservation.Verdict check =
        new Conservation.Verdict(
            true, Map.of("COMPLETED", 300L), 0, snapshot, snapshot, true, List.of(), 465, 0);

    assertThat(ResultFiles.markdown(result(null, check)))
        .contains(
            "Passed: orders by status {COMPLETED=300}, ledger balanced true, the 465 shed"
                + " placements left no key.");
  }
}
