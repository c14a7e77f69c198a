package org.ordersystem.workflows;

import java.util.List;
import org.ordersystem.workflows.model.OrderStep;

/**
 * A step of the order as shops and operators see it ({@link OrderStep}), made of one call, or of
 * one call per payment leg, in rounds: the calls of a round run at the same time, the rounds one
 * after the other.
 *
 * @param beforeCapture whether it runs before capture: a cancel stops it and its calls are undone,
 *     and while it is PENDING a rollback is allowed; from capture on only a retry is
 * @param acceptsTheOrder whether its end is the order's acceptance, which the shop is told
 */
record Stage(OrderStep step, boolean beforeCapture, boolean acceptsTheOrder, List<Round> rounds) {

  /** Calls that run at the same time. */
  record Round(List<SagaStep<?>> calls) {

    static Round of(SagaStep<?> call) {
      return new Round(List.of(call));
    }
  }

  /** A stage of one call that can still be undone. */
  static Stage beforeCapture(OrderStep step, SagaStep<?> call) {
    return beforeCapture(step, List.of(Round.of(call)));
  }

  /** A stage that can still be undone. */
  static Stage beforeCapture(OrderStep step, List<Round> rounds) {
    return new Stage(step, true, false, rounds);
  }

  /** A stage of one call from capture on: money is posted, so there is no way back but a refund. */
  static Stage fromCapture(OrderStep step, SagaStep<?> call) {
    return fromCapture(step, List.of(Round.of(call)));
  }

  /** A stage from capture on. */
  static Stage fromCapture(OrderStep step, List<Round> rounds) {
    return new Stage(step, false, false, rounds);
  }

  /** This stage, whose end accepts the order: stock held and money authorized. */
  Stage acceptingTheOrder() {
    return new Stage(step, beforeCapture, true, rounds);
  }
}
