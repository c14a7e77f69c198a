package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The undo actions of a saga, registered before the step they undo: a step whose call timed out may
 * still have happened at the service, and its undo is idempotent and succeeds on nothing.
 */
final class Compensations {

  private static final Logger log = Workflow.getLogger(Compensations.class);

  private record Compensation(String name, Runnable undo) {}

  private final List<Compensation> registered = new ArrayList<>();

  void add(String name, Runnable undo) {
    registered.add(new Compensation(name, undo));
  }

  /**
   * Runs the compensations last registered first, so each undo finds the state its step left. A
   * compensation that fails for good (its activities retry transient errors without limit) does not
   * stop the others: everything that can be released is released.
   *
   * @return the names of the compensations that failed, empty when all succeeded
   */
  List<String> runInReverse() {
    List<String> failed = new ArrayList<>();
    for (int i = registered.size() - 1; i >= 0; i--) {
      Compensation compensation = registered.get(i);
      try {
        compensation.undo().run();
      } catch (ActivityFailure e) {
        log.error("Compensation {} failed for good", compensation.name(), e);
        failed.add(compensation.name());
      }
    }
    return failed;
  }
}
