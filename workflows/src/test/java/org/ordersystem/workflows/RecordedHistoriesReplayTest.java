package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordersystem.payloadcodec.PayloadEncryption;

/**
 * Histories of orders placed through {@code dev/run} by earlier versions of the workflow, exported
 * with {@code temporal workflow show -o json}: users' data directories hold open orders like these,
 * so every later version must replay them command for command. A change of commands that fails here
 * needs a {@code Workflow.getVersion} guard. Add a history here before every such change.
 *
 * <p>They replay on a worker that encrypts payloads, as every worker does now: histories recorded
 * before encryption hold plain payloads, which the codec passes through, and the {@code encrypted-}
 * ones were recorded with {@link #RECORDING_KEY} as {@code ORDERS_PAYLOAD_KEYS}.
 */
class RecordedHistoriesReplayTest {

  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  /** The key the encrypted histories were recorded with; a test fixture, not a secret. */
  private static final String RECORDING_KEY = "test:JNSLPiNmzTMiFYCH7pQ8hWSfUd+m3e1hOxgyGCQeeYA=";

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

    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.of(RECORDING_KEY, null).dataConverter())
                        .build())
                .build());
    try {
      WorkflowReplayer.replayWorkflowExecution(
          history, env, OrderWorkflowImpl.class, RefundWorkflowImpl.class);
    } finally {
      env.close();
    }
  }

  @Test
  void shouldHaveHistoriesToReplay() throws IOException {
    assertThat(histories()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(histories()).anyMatch(f -> f.getFileName().toString().contains("encrypted"));
  }
}
