package org.ordersystem.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * A service step called the cheap way first: as a local activity, run by the worker inside the
 * workflow task, which costs the server one marker event instead of an activity's task round trip
 * and six events. When the local attempts fail without a final answer (an outage, a timeout), the
 * step goes on as a regular activity with the step's whole retry budget, under the same idempotency
 * key, so a call that did happen at the service is answered from its first result.
 *
 * <p>Why a regular activity rather than the SDK's timer-backed local retries: a long outage then
 * holds no workflow task and no worker slot, the server keeps the attempt count and the last error
 * where Temporal UI shows them (pending activities), and the budget's end is the same
 * schedule-to-close timeout as before, which {@link StepRecovery} turns into PENDING.
 *
 * <p>Histories recorded before local calls existed (version {@link Workflow#DEFAULT_VERSION} of
 * {@link #CHANGE_ID}) call the activity only.
 */
final class LocalFirst<A> {

  private static final Logger log = Workflow.getLogger(LocalFirst.class);

  /** The change id that guards local calls in the history. */
  static final String CHANGE_ID = "local-service-calls";

  private final A local;
  private final A remote;

  private LocalFirst(A local, A remote) {
    this.local = local;
    this.remote = remote;
  }

  /**
   * @param localFirst whether this run calls locally first (see {@link #enabledInThisRun()})
   * @param retryBudget how long the regular activity may keep retrying
   */
  static <A> LocalFirst<A> of(Class<A> service, Duration retryBudget, boolean localFirst) {
    A remote = Workflow.newActivityStub(service, StepOptions.withinBudget(retryBudget));
    A local =
        localFirst ? Workflow.newLocalActivityStub(service, StepOptions.localAttempts()) : null;
    return new LocalFirst<>(local, remote);
  }

  /** Whether this run calls services locally first; records the version marker once per run. */
  static boolean enabledInThisRun() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Makes the call; its failure is the step's answer, as an activity's would be. */
  <T> T call(Function<A, T> call) {
    if (local == null) {
      return call.apply(remote);
    }
    try {
      return call.apply(local);
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested() || isFinal(e)) {
        throw e;
      }
      log.info("Local call failed ({}); continuing as an activity", Rollback.messageOf(e));
      // The activity's first backoff, as a timer: the workflow task that ran the local attempts
      // ends here, and the activity is scheduled by the next one. (The in-process test server
      // now and then lost the schedule-to-close timeout of an activity scheduled by the first
      // workflow task of an Update-with-Start while the update was still open: it retried past
      // its budget and never went PENDING.)
      Workflow.sleep(StepOptions.INITIAL_INTERVAL);
      return call.apply(remote);
    }
  }

  /** {@link #call} for a call that answers nothing. */
  void run(Consumer<A> call) {
    call(
        service -> {
          call.accept(service);
          return null;
        });
  }

  /** The service's answer (a business failure, a refused request), which a retry cannot change. */
  private static boolean isFinal(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        && (application.isNonRetryable() || FailureType.isBusiness(application.getType()));
  }
}
