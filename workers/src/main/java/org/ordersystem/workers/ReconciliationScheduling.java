package org.ordersystem.workers;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.util.List;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationLoopWorkflow;
import org.ordersystem.workflows.reconciliation.ReconciliationRequest;
import org.ordersystem.workflows.reconciliation.ReconciliationSettings;
import org.ordersystem.workflows.reconciliation.ReconciliationWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts reconciliation on a schedule: a Temporal Schedule where the server has them (a real or dev
 * server), else the {@link ReconciliationLoopWorkflow} timer loop (the in-process server). Both are
 * idempotent: every worker that starts asks, and the first one creates it.
 */
final class ReconciliationScheduling {

  /** The schedule's id; its runs are {@code reconciliation-scheduled-<time>}. */
  static final String SCHEDULE_ID = "reconciliation";

  private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduling.class);

  private ReconciliationScheduling() {}

  static void ensure(WorkflowClient client, ReconciliationSettings settings) {
    try {
      ScheduleClient.newInstance(client.getWorkflowServiceStubs())
          .createSchedule(SCHEDULE_ID, schedule(settings), ScheduleOptions.newBuilder().build());
      log.info(
          "Reconciliation scheduled every {} (schedule '{}')", settings.interval(), SCHEDULE_ID);
    } catch (ScheduleAlreadyRunningException e) {
      log.info("Reconciliation schedule '{}' exists already", SCHEDULE_ID);
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        throw e;
      }
      startLoop(client, settings);
    }
  }

  private static Schedule schedule(ReconciliationSettings settings) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(ReconciliationWorkflow.class)
                .setArguments(new ReconciliationRequest("schedule", settings))
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(ReconciliationWorkflow.ID_PREFIX + "scheduled")
                        .setTaskQueue(OrderWorkflow.TASK_QUEUE)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(settings.interval())))
                .build())
        // A run still going when the next is due: the next one is skipped, never run beside it.
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
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

  private static boolean unimplemented(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
