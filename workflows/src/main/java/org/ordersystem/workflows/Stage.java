package org.ordersystem.workflows;

import java.util.List;
import org.ordersystem.workflows.model.OrderStep;

/**
 * A step of the order as shops and operators see it ({@link OrderStep}), made of one call, or of
 * one call per payment leg, run in the order given.
 *
 * @param beforeCapture whether it runs before capture: a cancel stops it and its calls are undone,
 *     and while it is PENDING a rollback is allowed; from capture on only a retry is
 * @param acceptsTheOrder whether its end is the order's acceptance, which the shop is told
 */
record Stage(
    OrderStep step, boolean beforeCapture, boolean acceptsTheOrder, List<SagaStep<?>> calls) {

  /** A stage that can still be undone. */
  static Stage beforeCapture(OrderStep step, List<SagaStep<?>> calls) {
    return new Stage(step, true, false, calls);
  }

  /** A stage from capture on: money is posted, so there is no way back but a refund. */
  static Stage fromCapture(OrderStep step, List<SagaStep<?>> calls) {
    return new Stage(step, false, false, calls);
  }

  /** This stage, whose end accepts the order: stock held and money authorized. */
  Stage acceptingTheOrder() {
    return new Stage(step, beforeCapture, true, calls);
  }
}
