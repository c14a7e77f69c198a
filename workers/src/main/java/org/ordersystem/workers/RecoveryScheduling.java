package org.ordersystem.workers;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.RecoverySweepLoopWorkflow;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflow;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the periodic recovery sweep runs, once per namespace however many workers start: as a
 * Temporal Schedule where the server has Schedules ({@link PeriodicSchedules}), else as a timer
 * loop workflow (the in-process server has no Schedules).
 */
public final class RecoveryScheduling {

  /** The schedule's id: the sweeps' workflow id prefix without its dash. */
  public static final String SCHEDULE_ID =
      RecoverySweepWorkflow.ID_PREFIX.substring(0, RecoverySweepWorkflow.ID_PREFIX.length() - 1);

  private static final Logger log = LoggerFactory.getLogger(RecoveryScheduling.class);

  private RecoveryScheduling() {}

  /**
   * Creates or updates what {@code mode} asks for.
   *
   * @return what now runs the sweep: {@link RecoveryScheduler#SCHEDULE}, {@link
   *     RecoveryScheduler#TIMER} or {@link RecoveryScheduler#OFF}; never AUTO
   * @throws IllegalStateException when {@code schedule} was asked for and the server has none
   */
  public static RecoveryScheduler ensure(
      WorkflowClient client, RecoverySettings settings, RecoveryScheduler mode) {
    switch (mode) {
      case OFF -> {
        log.info("Periodic recovery sweep is off ({}=off)", RecoveryEnv.SCHEDULER);
        return RecoveryScheduler.OFF;
      }
      case TIMER -> {
        startLoop(client, settings);
        return RecoveryScheduler.TIMER;
      }
      case SCHEDULE -> {
        if (!upsertSchedule(client, settings)) {
          throw new IllegalStateException(
              "the Temporal server at hand has no Schedules; set "
                  + RecoveryEnv.SCHEDULER
                  + " to timer or auto");
        }
        return RecoveryScheduler.SCHEDULE;
      }
      case AUTO -> {
        if (upsertSchedule(client, settings)) {
          return RecoveryScheduler.SCHEDULE;
        }
        log.info("The Temporal server has no Schedules: the recovery sweep runs on a timer");
        startLoop(client, settings);
        return RecoveryScheduler.TIMER;
      }
      default -> throw new IllegalArgumentException("unknown scheduler mode " + mode);
    }
  }

  private static boolean upsertSchedule(WorkflowClient client, RecoverySettings settings) {
    return PeriodicSchedules.upsert(
        client,
        SCHEDULE_ID,
        schedule(settings),
        "a recovery sweep every " + settings.sweepInterval());
  }

  static Schedule schedule(RecoverySettings settings) {
    return PeriodicSchedules.every(
        settings.sweepInterval(),
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(RecoverySweepWorkflow.class)
            .setArguments(new SweepRequest("schedule", settings))
            .setOptions(
                WorkflowOptions.newBuilder()
                    // The server appends the scheduled time: recovery-sweep-<time>.
                    .setWorkflowId(SCHEDULE_ID)
                    .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                    .build())
            .build());
  }

  /** Starts the loop unless it runs already; a running loop keeps the settings it started with. */
  private static void startLoop(WorkflowClient client, RecoverySettings settings) {
    RecoverySweepLoopWorkflow loop =
        client.newWorkflowStub(
            RecoverySweepLoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecoverySweepLoopWorkflow.WORKFLOW_ID)
                .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    String runId = WorkflowClient.start(loop::run, new SweepRequest("timer", settings)).getRunId();
    log.info(
        "Recovery sweep loop '{}' running (run {}): a sweep every {}",
        RecoverySweepLoopWorkflow.WORKFLOW_ID,
        runId,
        settings.sweepInterval());
  }
}
