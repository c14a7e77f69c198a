package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories of orders placed through {@code dev/run} by earlier versions of the workflow, exported
 * with {@code temporal workflow show -o json}: users' data directories hold open orders like these,
 * so every later version must replay them command for command. A change of commands that fails here
 * needs a {@code Workflow.getVersion} guard. Add a history here before every such change.
 */
class RecordedHistoriesReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  static List<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(HISTORIES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("histories")
  void shouldReplayAnOrderRecordedByAnEarlierVersion(Path file) throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(Files.readString(file), "order-" + file.getFileName());

    WorkflowReplayer.replayWorkflowExecution(
        history, OrderWorkflowImpl.class, RefundWorkflowImpl.class);
  }

  @Test
  void shouldHaveHistoriesToReplay() throws IOException {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(3);
  }
}
