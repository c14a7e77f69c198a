package org.ordersystem.bench.ceiling;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.ordersystem.workflows.IdempotencyKeys;
import org.ordersystem.workflows.StepOptions;

/**
 * The order saga's sequence of calls with no-op activities: the same activity and local-activity
 * counts, options and keys as {@code PurchaseSaga} and {@code PaymentTcc} for an order with {@code
 * legs} legs, and a read-model write wherever the order writes one: at each step, not for each leg
 * (the order writes its legs' successes with its next step). The version marker the order's payment
 * records is recorded here too, so both histories have the same events.
 */
public final class CeilingWorkflowImpl implements CeilingWorkflow {

  private final NoopActivities beforeCapture =
      Workflow.newActivityStub(
          NoopActivities.class, StepOptions.withinBudget(Duration.ofMinutes(5)));
  private final NoopActivities untilDone =
      Workflow.newActivityStub(NoopActivities.class, StepOptions.untilDone());
  private final NoopActivities readModel =
      Workflow.newLocalActivityStub(NoopActivities.class, StepOptions.readModel());

  private String orderId;
  private long version;
  private boolean accepted;

  @Override
  public String run(String orderId, int legs) {
    this.orderId = orderId;
    Workflow.getVersion("leg-changes-with-next-write", Workflow.DEFAULT_VERSION, 1);
    record(); // the order exists in the read model as soon as the workflow does
    beforeCapture.step(IdempotencyKeys.reserveStock(orderId));
    record();
    for (int leg = 1; leg <= legs; leg++) {
      beforeCapture.step(IdempotencyKeys.authorizeLeg(orderId, "leg-" + leg));
    }
    record(); // advanced to REGISTER_SHIPPING: the order is accepted once this is written
    accepted = true;
    beforeCapture.step(IdempotencyKeys.registerShipping(orderId));
    record();
    for (int leg = legs; leg >= 1; leg--) {
      untilDone.step(IdempotencyKeys.captureLeg(orderId, "leg-" + leg));
    }
    record(); // advanced to COMMIT_STOCK
    untilDone.step(IdempotencyKeys.commitStock(orderId));
    record(); // COMPLETED
    return orderId;
  }

  @Override
  public String awaitAcceptance() {
    Workflow.await(() -> accepted);
    return orderId;
  }

  private void record() {
    readModel.record(orderId, ++version);
  }
}
