package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** The undo actions of a saga, each registered before the call it undoes ({@link Compensation}). */
final class Compensations {

  private static final Logger log = Workflow.getLogger(Compensations.class);

  private final List<Compensation> registered = new ArrayList<>();

  void add(Compensation compensation) {
    registered.add(compensation);
  }

  /**
   * Runs the compensations last registered first, so each undo finds the state its step left. A
   * compensation that fails for good (its activities retry transient errors without limit) does not
   * stop the others: everything that can be released is released.
   *
   * @return what ran, and which failed
   */
  Undone runInReverse() {
    List<String> failed = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    boolean stepsFurther = false;
    for (int i = registered.size() - 1; i >= 0; i--) {
      Compensation compensation = registered.get(i);
      ran.add(compensation.name());
      try {
        compensation.undo().run();
      } catch (ActivityFailure e) {
        log.error("Compensation {} failed for good", compensation.name(), e);
        failed.add(compensation.name());
        stepsFurther |= PurchaseUnwind.isStepFurther(e);
      }
    }
    return new Undone(ran, failed, stepsFurther);
  }

  /**
   * @param ran the names of the compensations run, last registered first
   * @param failed those that failed for good
   * @param foundStepsFurther whether some failed because its step had gone further than the
   *     workflow knew ({@link PurchaseUnwind})
   */
  record Undone(List<String> ran, List<String> failed, boolean foundStepsFurther) {

    /** Whether the compensation of that name ran and succeeded. */
    boolean succeeded(String name) {
      return ran.contains(name) && !failed.contains(name);
    }
  }
}
