package org.ordersystem.workers;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationLoopWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationRequest;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.reconciliation.ReconciliationWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts reconciliation on a schedule: a Temporal Schedule where the server has them (a real or dev
 * server; {@link PeriodicSchedules}), else the {@link ReconciliationLoopWorkflow} timer loop (the
 * in-process server). Both are idempotent: every worker that starts asks, and the first one creates
 * it; a later start brings the schedule's interval and settings up to date.
 */
final class ReconciliationScheduling {

  /** The schedule's id; its runs are {@code reconciliation-scheduled-<time>}. */
  static final String SCHEDULE_ID = "reconciliation";

  private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduling.class);

  private ReconciliationScheduling() {}

  static void ensure(WorkflowClient client, ReconciliationSettings settings) {
    if (!PeriodicSchedules.upsert(
        client, SCHEDULE_ID, schedule(settings), "reconciliation every " + settings.interval())) {
      startLoop(client, settings);
    }
  }

  static Schedule schedule(ReconciliationSettings settings) {
    return PeriodicSchedules.every(
        settings.interval(),
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ReconciliationWorkflow.class)
            .setArguments(new ReconciliationRequest("schedule", settings))
            .setOptions(
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ReconciliationWorkflow.ID_PREFIX + "scheduled")
                    .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                    .build())
            .build());
  }

  private static void startLoop(WorkflowClient client, ReconciliationSettings settings) {
    ReconciliationLoopWorkflow loop =
        client.newWorkflowStub(
            ReconciliationLoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ReconciliationLoopWorkflow.WORKFLOW_ID)
                .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                .build());
    try {
      WorkflowClient.start(loop::run, new ReconciliationRequest("timer", settings));
      log.info(
          "This server has no Schedules: reconciliation runs on a timer loop every {}",
          settings.interval());
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.info("Reconciliation timer loop is running already");
    }
  }
}
