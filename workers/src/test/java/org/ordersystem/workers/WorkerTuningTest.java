package org.ordersystem.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.worker.WorkerOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerTuningTest {

  @Test
  void shouldKeepTheSdkDefaultsWhenNothingIsSet() {
    WorkerTuning tuning = WorkerTuning.fromEnv(Map.of());

    assertThat(tuning).isEqualTo(WorkerTuning.sdkDefaults());
    WorkerOptions defaults = WorkerOptions.newBuilder().build();
    assertThat(tuning.workerOptions().getMaxConcurrentActivityExecutionSize())
        .isEqualTo(defaults.getMaxConcurrentActivityExecutionSize());
    assertThat(tuning.readModelPool()).isEqualTo(WorkerTuning.DEFAULT_READ_MODEL_POOL_SIZE);
  }

  @Test
  void shouldApplyEverySetting() {
    WorkerTuning tuning =
        WorkerTuning.fromEnv(
            Map.of(
                "ORDERS_WORKER_WORKFLOW_POLLERS", "3",
                "ORDERS_WORKER_ACTIVITY_POLLERS", "4",
                "ORDERS_WORKER_MAX_WORKFLOW_TASKS", "50",
                "ORDERS_WORKER_MAX_ACTIVITIES", "60",
                "ORDERS_WORKER_MAX_LOCAL_ACTIVITIES", "70",
                "ORDERS_WORKER_WORKFLOW_CACHE", "800",
                "ORDERS_WORKER_DB_POOL_SIZE", "20"));

    WorkerOptions options = tuning.workerOptions();
    assertThat(options.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(3);
    assertThat(options.getMaxConcurrentActivityTaskPollers()).isEqualTo(4);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(50);
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(60);
    assertThat(options.getMaxConcurrentLocalActivityExecutionSize()).isEqualTo(70);
    assertThat(tuning.factoryOptions().getWorkflowCacheSize()).isEqualTo(800);
    assertThat(tuning.readModelPool()).isEqualTo(20);
  }

  @Test
  void shouldRefuseANumberBelowOne() {
    assertThatThrownBy(() -> WorkerTuning.fromEnv(Map.of("ORDERS_WORKER_MAX_ACTIVITIES", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORDERS_WORKER_MAX_ACTIVITIES");
  }
}
