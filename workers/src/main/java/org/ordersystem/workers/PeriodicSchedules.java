package org.ordersystem.workers;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Schedules of the periodic workflows (the recovery sweep, reconciliation): one per
 * namespace however many workers start, brought up to date by each start, so a changed interval
 * takes effect with the next deployment. Operators see, pause and trigger them in Temporal UI.
 */
final class PeriodicSchedules {

  private static final Logger log = LoggerFactory.getLogger(PeriodicSchedules.class);

  private PeriodicSchedules() {}

  /**
   * Runs {@code action} every {@code interval}. A run still going when the next is due is left
   * alone and the next one skipped: two at once would act twice on the same orders and payments.
   */
  static Schedule every(Duration interval, ScheduleActionStartWorkflow action) {
    return Schedule.newBuilder()
        .setAction(action)
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(interval)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
  }

  /**
   * Creates the schedule, or updates its action, spec and policy when it exists (keeping whether an
   * operator paused it).
   *
   * @param what what the schedule does, for the log
   * @return false when the server does not implement Schedules (the in-process test server)
   */
  static boolean upsert(WorkflowClient client, String scheduleId, Schedule schedule, String what) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
    try {
      schedules.createSchedule(scheduleId, schedule, ScheduleOptions.newBuilder().build());
      log.info("Created schedule '{}': {}", scheduleId, what);
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      schedules
          .getHandle(scheduleId)
          .update(
              current ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(current.getDescription().getSchedule())
                          .setAction(schedule.getAction())
                          .setSpec(schedule.getSpec())
                          .setPolicy(schedule.getPolicy())
                          .build()));
      log.info("Updated schedule '{}': {}", scheduleId, what);
      return true;
    } catch (RuntimeException e) {
      if (isUnimplemented(e)) {
        return false;
      }
      throw e;
    }
  }

  private static boolean isUnimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException sre
          && sre.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
