package org.ordersystem.workers;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Map;

/**
 * How many tasks a worker process polls and runs at once, and how many workflows it keeps cached.
 * Read from the environment so an operator (and the benchmark, which gives its ceiling worker the
 * same settings) can tune a worker without a rebuild; an unset variable keeps the SDK's default.
 *
 * @param workflowPollers {@code ORDERS_WORKER_WORKFLOW_POLLERS}: concurrent workflow task polls
 * @param activityPollers {@code ORDERS_WORKER_ACTIVITY_POLLERS}: concurrent activity task polls
 * @param maxWorkflowTasks {@code ORDERS_WORKER_MAX_WORKFLOW_TASKS}: workflow tasks run at once
 * @param maxActivities {@code ORDERS_WORKER_MAX_ACTIVITIES}: activities run at once
 * @param maxLocalActivities {@code ORDERS_WORKER_MAX_LOCAL_ACTIVITIES}: local activities at once
 * @param workflowCacheSize {@code ORDERS_WORKER_WORKFLOW_CACHE}: workflows kept in memory between
 *     their tasks (sticky execution), so a task does not replay the history
 * @param readModelPoolSize {@code ORDERS_WORKER_DB_POOL_SIZE} (10): connections to the read model,
 *     which every local activity of an order transition uses for one short transaction
 */
public record WorkerTuning(
    Integer workflowPollers,
    Integer activityPollers,
    Integer maxWorkflowTasks,
    Integer maxActivities,
    Integer maxLocalActivities,
    Integer workflowCacheSize,
    Integer readModelPoolSize) {

  /** Read-model connections when {@code ORDERS_WORKER_DB_POOL_SIZE} is unset. */
  public static final int DEFAULT_READ_MODEL_POOL_SIZE = 10;

  /** The SDK's defaults for everything. */
  public static WorkerTuning sdkDefaults() {
    return new WorkerTuning(null, null, null, null, null, null, null);
  }

  public static WorkerTuning fromEnv(Map<String, String> env) {
    return new WorkerTuning(
        number(env, "ORDERS_WORKER_WORKFLOW_POLLERS"),
        number(env, "ORDERS_WORKER_ACTIVITY_POLLERS"),
        number(env, "ORDERS_WORKER_MAX_WORKFLOW_TASKS"),
        number(env, "ORDERS_WORKER_MAX_ACTIVITIES"),
        number(env, "ORDERS_WORKER_MAX_LOCAL_ACTIVITIES"),
        number(env, "ORDERS_WORKER_WORKFLOW_CACHE"),
        number(env, "ORDERS_WORKER_DB_POOL_SIZE"));
  }

  /** Options of one worker (one task queue) with these settings. */
  public WorkerOptions workerOptions() {
    WorkerOptions.Builder b = WorkerOptions.newBuilder();
    if (workflowPollers != null) {
      b.setMaxConcurrentWorkflowTaskPollers(workflowPollers);
    }
    if (activityPollers != null) {
      b.setMaxConcurrentActivityTaskPollers(activityPollers);
    }
    if (maxWorkflowTasks != null) {
      b.setMaxConcurrentWorkflowTaskExecutionSize(maxWorkflowTasks);
    }
    if (maxActivities != null) {
      b.setMaxConcurrentActivityExecutionSize(maxActivities);
    }
    if (maxLocalActivities != null) {
      b.setMaxConcurrentLocalActivityExecutionSize(maxLocalActivities);
    }
    return b.build();
  }

  /** Options of the process's worker factory, which owns the workflow cache. */
  public WorkerFactoryOptions factoryOptions() {
    WorkerFactoryOptions.Builder b = WorkerFactoryOptions.newBuilder();
    if (workflowCacheSize != null) {
      b.setWorkflowCacheSize(workflowCacheSize);
    }
    return b.build();
  }

  /** Connections of the read model's pool. */
  public int readModelPool() {
    return readModelPoolSize == null ? DEFAULT_READ_MODEL_POOL_SIZE : readModelPoolSize;
  }

  private static Integer number(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    int n = Integer.parseInt(value.trim());
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + n);
    }
    return n;
  }
}
