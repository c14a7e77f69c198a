package org.ordersystem.bench.ceiling;

import io.temporal.workflow.Workflow;
import org.ordersystem.workflows.IdempotencyKeys;
import org.ordersystem.workflows.StepOptions;

/**
 * The order saga's sequence of calls with no-op activities: the same local-activity counts, options
 * and keys as {@code PurchaseSaga} and {@code PaymentTcc} for an order with {@code legs} legs (each
 * service step a local call, as {@code LocalFirst} makes it when it succeeds), and a read-model
 * write wherever the order writes one: at each step, not for each leg (the order writes its legs'
 * successes with its next step). The version markers the order records are recorded here too, so
 * both histories have the same events.
 */
public final class CeilingWorkflowImpl implements CeilingWorkflow {

  private final NoopActivities services =
      Workflow.newLocalActivityStub(NoopActivities.class, StepOptions.localAttempts());
  private final NoopActivities readModel =
      Workflow.newLocalActivityStub(NoopActivities.class, StepOptions.readModel());

  private String orderId;
  private long version;
  private boolean accepted;

  @Override
  public String run(String orderId, int legs) {
    this.orderId = orderId;
    Workflow.getVersion("local-service-calls", Workflow.DEFAULT_VERSION, 1);
    Workflow.getVersion("leg-changes-with-next-write", Workflow.DEFAULT_VERSION, 1);
    record(); // the order exists in the read model as soon as the workflow does
    services.step(IdempotencyKeys.reserveStock(orderId));
    record();
    for (int leg = 1; leg <= legs; leg++) {
      services.step(IdempotencyKeys.authorizeLeg(orderId, "leg-" + leg));
    }
    record(); // advanced to REGISTER_SHIPPING: the order is accepted once this is written
    accepted = true;
    services.step(IdempotencyKeys.registerShipping(orderId));
    record();
    for (int leg = legs; leg >= 1; leg--) {
      services.step(IdempotencyKeys.captureLeg(orderId, "leg-" + leg));
    }
    record(); // advanced to COMMIT_STOCK
    services.step(IdempotencyKeys.commitStock(orderId));
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
