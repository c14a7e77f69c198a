package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.activities.RecoveryActivities;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.recovery.CandidateQuery;
import org.ordersystem.workflows.recovery.RecoveryCommand;
import org.ordersystem.workflows.recovery.RecoveryOutcome;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.ordersystem.workflows.recovery.RecoverySweepLoopWorkflow;
import org.ordersystem.workflows.recovery.RecoverySweepLoopWorkflowImpl;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflowImpl;
import org.ordersystem.workflows.recovery.SweepCandidate;
import org.ordersystem.workflows.recovery.SweepDecision;
import org.ordersystem.workflows.recovery.SweepRequest;
import org.ordersystem.workflows.recovery.SweepSummary;
import org.ordersystem.workflows.recovery.WorkflowLiveness;

/**
 * The order workflow, the sweep on its timer and time skipping together: outages of hours end in
 * PENDING orders that the sweep recovers with nobody at the keyboard.
 */
class RecoveryOutageTest extends OrderWorkflowTestBase {

  private static final List<String> ORDER_IDS = List.of("ord-a", "ord-b", "ord-c");

  private final Set<String> orderIds = ConcurrentHashMap.newKeySet();
  private final List<SweepSummary> sweeps = new CopyOnWriteArrayList<>();

  @Override
  void registerMore(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        RecoverySweepWorkflowImpl.class, RecoverySweepLoopWorkflowImpl.class);
    worker.registerActivitiesImplementations(new WorkflowBackedRecovery());
  }

  @Test
  void shouldRetryOrdersLeftPendingByATwoHourShippingOutageToCompletedWithOneShipmentEach() {
    long outageEnds = env.currentTimeMillis() + Duration.ofHours(2).toMillis();
    Map<String, AtomicInteger> shipped = new ConcurrentHashMap<>();
    Set<String> keys = ConcurrentHashMap.newKeySet();
    when(shipping.registerShipment(any()))
        .thenAnswer(
            call -> {
              RegisterShipmentInput input = call.getArgument(0);
              keys.add(input.idempotencyKey());
              if (env.currentTimeMillis() < outageEnds) {
                throw ApplicationFailure.newFailure("carrier API down", "SERVICE_UNAVAILABLE");
              }
              shipped.computeIfAbsent(input.orderId(), id -> new AtomicInteger()).incrementAndGet();
              return new Shipment(input.orderId(), "TRK-" + input.orderId());
            });
    startSweepLoop();
    ORDER_IDS.forEach(id -> start(order(id)));

    env.sleep(Duration.ofMinutes(30));
    for (String id : ORDER_IDS) {
      OrderView order = runningOrder(id).getOrder();
      assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
      assertThat(order.pending().step()).isEqualTo(OrderStep.REGISTER_SHIPPING);
      assertThat(order.pending().reason()).isEqualTo("STEP_TIMED_OUT");
      assertThat(order.pending().message()).contains("carrier API down");
    }

    env.sleep(Duration.ofHours(2).plusMinutes(30));

    for (String id : ORDER_IDS) {
      OrderView order = runningOrder(id).getOrder();
      assertThat(order.status()).as(id).isEqualTo(OrderStatus.COMPLETED);
      // Retried across sweeps with backoff, always under the order's one shipping key.
      assertThat(shipped.get(id)).as(id).hasValue(1);
    }
    assertThat(keys).hasSize(ORDER_IDS.size());
    assertThat(sweeps).extracting(SweepSummary::retried).anyMatch(retried -> retried > 0);
    assertThat(sweeps).allMatch(sweep -> sweep.reported() == 0);
    verify(stock, times(ORDER_IDS.size())).commitStock(any());
    verify(stock, never()).releaseStock(any());
    verify(payment, never()).voidLeg(any());
  }

  @Test
  void shouldRollBackAPermanentFailureReleasingStockAndFunds() {
    when(shipping.registerShipment(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "no carrier contract for this region", "CARRIER_CONTRACT_MISSING"));
    startSweepLoop();
    start(order("ord-a"));

    env.sleep(Duration.ofMinutes(30));

    OrderView order = runningOrder("ord-a").getOrder();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.reason()).isEqualTo(OrderWorkflow.ROLLED_BACK);
    assertThat(order.reasonDetail())
        .contains(RecoverySweepWorkflowImpl.REQUESTED_BY, "CARRIER_CONTRACT_MISSING");
    verify(shipping).cancelShipment(any());
    verify(payment).voidLeg(any());
    verify(stock).releaseStock(any());
    verify(payment, never()).captureLeg(any());
    assertThat(sweeps)
        .flatExtracting(SweepSummary::items)
        .anyMatch(item -> item.decision() == SweepDecision.ROLLBACK);
  }

  private void startSweepLoop() {
    RecoverySweepLoopWorkflow loop =
        client.newWorkflowStub(
            RecoverySweepLoopWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecoverySweepLoopWorkflow.WORKFLOW_ID)
                .setTaskQueue(worker.getTaskQueue())
                .build());
    RecoverySettings settings =
        new RecoverySettings(
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            2,
            50,
            Duration.ofMinutes(5),
            Duration.ofMinutes(20),
            Duration.ofDays(1),
            100);
    WorkflowClient.start(loop::run, new SweepRequest("timer", settings));
  }

  private PlaceOrderRequest order(String orderId) {
    orderIds.add(orderId);
    return Orders.withId(Orders.paidByBalance(), orderId);
  }

  /**
   * The recovery activities over the workflows themselves instead of the read model. {@code
   * recover} sends the decision as a signal and answers at once: the real one waits for the order
   * to settle, which under time skipping would wait in real time.
   */
  private class WorkflowBackedRecovery implements RecoveryActivities {

    @Override
    public List<SweepCandidate> findCandidates(CandidateQuery query) {
      return orderIds.stream()
          .sorted()
          .map(id -> runningOrder(id).getOrder())
          .filter(order -> order != null && order.status() == OrderStatus.PENDING)
          .map(
              order ->
                  new SweepCandidate(
                      order.orderId(),
                      order.shopId(),
                      order.status(),
                      order.step(),
                      order.pending(),
                      order.createdAt(),
                      order.updatedAt()))
          .toList();
    }

    @Override
    public RecoveryOutcome recover(RecoveryCommand command) {
      OrderWorkflow order = runningOrder(command.orderId());
      if (command.decision() == SweepDecision.RETRY) {
        order.retry(command.request());
      } else {
        order.rollback(command.request());
      }
      return new RecoveryOutcome(command.orderId(), OrderStatus.CREATING, null, null);
    }

    @Override
    public WorkflowLiveness inspect(String orderId) {
      return WorkflowLiveness.RUNNING;
    }

    @Override
    public void recordSweep(SweepSummary summary) {
      sweeps.add(summary);
    }
  }
}
