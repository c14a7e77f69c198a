package org.ordersystem.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;

/**
 * Calls {@link RecoveryActivities#recover} the way a sweep does: as an activity with a heartbeat
 * timeout shorter than an update takes to settle, so only heartbeats keep an attempt alive.
 */
@WorkflowInterface
public interface RecoveryDriverWorkflow {

  Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * @param activityQueue the task queue of the activity worker to use
   * @param maxAttempts 1 to see the first attempt's fate; more to let attempts retry
   */
  record Input(RecoveryCommand command, String activityQueue, int maxAttempts) {}

  @WorkflowMethod
  RecoveryOutcome recover(Input input);

  class Impl implements RecoveryDriverWorkflow {
    @Override
    public RecoveryOutcome recover(Input input) {
      RecoveryActivities activities =
          Workflow.newActivityStub(
              RecoveryActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(input.activityQueue())
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                  .setRetryOptions(
                      RetryOptions.newBuilder()
                          .setInitialInterval(Duration.ofMillis(200))
                          .setBackoffCoefficient(1)
                          .setMaximumAttempts(input.maxAttempts())
                          .build())
                  .build());
      return activities.recover(input.command());
    }
  }
}
