package org.ordersystem.api.orders;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.ordersystem.api.problems.ApiProblem;
import org.ordersystem.api.problems.ProblemType;
import org.ordersystem.api.temporal.TemporalCalls;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.UpdateRejections;
import org.ordersystem.workflows.model.CancelOrderRequest;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RecoveryRequest;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundView;
import org.springframework.stereotype.Component;

/**
 * Sends Workflow Updates to a placed order (cancel, refund, retry or roll back a PENDING one) and
 * waits, within one time budget, first for the validator's verdict, then for the result.
 *
 * <p>An update the validator refuses leaves nothing in the workflow's history, so a refusal is
 * answered as a 409 or 422 problem with the validator's own message, and nothing changed. An update
 * not even accepted within the budget is answered 503 rather than 202: it may never run (the
 * validator has not seen it), and a 202 would promise what the API cannot tell.
 *
 * <p>Temporal's Java SDK up to 1.38 loses the type of a validator's {@code ApplicationFailure}
 * (temporalio/sdk-java#2875: the rejection is serialized twice and arrives typed as {@code
 * WorkflowExecutionException}; the message survives). The workflow therefore also writes the type
 * before its message ({@code TYPE: detail}), which {@link UpdateRejections#typeOf} reads; a refusal
 * without either is classified from what the workflow answers to queries.
 */
@Component
public class OrderUpdates {

  /** The problem each validator refusal is answered with. */
  private static final Map<String, ProblemType> REJECTIONS =
      Map.of(
          UpdateRejections.ORDER_NOT_CANCELLABLE, ProblemType.ORDER_NOT_CANCELLABLE,
          UpdateRejections.ORDER_NOT_REFUNDABLE, ProblemType.ORDER_NOT_REFUNDABLE,
          UpdateRejections.INVALID_REFUND, ProblemType.INVALID_REFUND,
          UpdateRejections.IDEMPOTENCY_CONFLICT, ProblemType.IDEMPOTENCY_CONFLICT,
          UpdateRejections.ORDER_NOT_PENDING, ProblemType.ORDER_NOT_PENDING,
          UpdateRejections.ROLLBACK_NOT_ALLOWED, ProblemType.ROLLBACK_NOT_ALLOWED);

  private static final String RETRY = "retry later (the request is safe to repeat).";

  /** The type a validator's failure arrives with when the SDK lost the real one. */
  static final String LOST_TYPE = "io.temporal.internal.worker.WorkflowExecutionException";

  private final WorkflowClient client;
  private final TemporalCalls calls;

  public OrderUpdates(WorkflowClient client, TemporalCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /**
   * Asks the order's workflow to cancel the order. Every cancel of an order carries the same update
   * id, so a retry joins the first one (and gets its result) instead of asking again.
   *
   * @throws ApiProblem 409 when the order can no longer be cancelled; 503 when Temporal does not
   *     take the update in time
   */
  public UpdateOutcome<OrderView> cancel(
      String orderId, CancelOrderRequest request, Duration timeout) {
    OrderWorkflow workflow = stub(orderId);
    return send(
        workflow::cancelOrder,
        request,
        UpdateOptions.<OrderView>newBuilder()
            .setUpdateId("cancel-" + orderId)
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build(),
        timeout,
        () -> ProblemType.ORDER_NOT_CANCELLABLE); // the cancel validator's only refusal
  }

  /**
   * Asks the order's workflow for a refund. The update id is left random: replays of a refund id
   * are answered by the workflow, which also refuses the id with other parameters; Temporal's own
   * update-id deduplication would answer those with the first result instead.
   *
   * @throws ApiProblem 409 or 422 when the validator refuses the refund; 503 when Temporal does not
   *     take the update in time
   */
  public UpdateOutcome<RefundView> requestRefund(
      String orderId, RefundRequest request, Duration timeout) {
    OrderWorkflow workflow = stub(orderId);
    return send(
        workflow::requestRefund,
        request,
        UpdateOptions.<RefundView>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build(),
        timeout,
        () -> refundRefusal(orderId, request.refundId()));
  }

  /**
   * Asks a PENDING order's workflow to run the step it stopped at again, and returns once the retry
   * settled (the order final, or PENDING again) if that happens in time. The update id is left
   * random: an order that ends PENDING again may be retried again, and Temporal would answer a
   * reused id with the first retry's result.
   *
   * @throws ApiProblem 409 when the order is not PENDING; 503 when Temporal does not take the
   *     update in time
   */
  public UpdateOutcome<OrderView> retryPending(
      String orderId, RecoveryRequest request, Duration timeout) {
    OrderWorkflow workflow = stub(orderId);
    return send(
        workflow::retryPending,
        request,
        UpdateOptions.<OrderView>newBuilder().setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(),
        timeout,
        () -> ProblemType.ORDER_NOT_PENDING); // the retry validator's only refusal
  }

  /**
   * Asks a PENDING order's workflow to roll the order back, and returns the CANCELLED order if the
   * compensations finish in time.
   *
   * @throws ApiProblem 409 when the order is not PENDING or its capture has begun; 503 when
   *     Temporal does not take the update in time
   */
  public UpdateOutcome<OrderView> rollbackPending(
      String orderId, RecoveryRequest request, Duration timeout) {
    OrderWorkflow workflow = stub(orderId);
    return send(
        workflow::rollbackPending,
        request,
        UpdateOptions.<OrderView>newBuilder().setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(),
        timeout,
        () -> rollbackRefusal(orderId));
  }

  /**
   * Which refusal an untyped rollback rejection was: a PENDING order refuses only after capture.
   */
  private ProblemType rollbackRefusal(String orderId) {
    try {
      OrderView order = calls.read(() -> stub(orderId).getOrder()).orElse(null);
      boolean captureBegun =
          order != null
              && order.status() == OrderStatus.PENDING
              && order.pending() != null
              && !order.pending().rollbackAllowed();
      return captureBegun ? ProblemType.ROLLBACK_NOT_ALLOWED : ProblemType.ORDER_NOT_PENDING;
    } catch (ApiProblem e) {
      return ProblemType.ORDER_NOT_PENDING; // refused either way; the message says why
    }
  }

  /**
   * Which refusal an untyped refund rejection was, from the workflow's state: an order that does
   * not take refunds, else a refund id already used (with other parameters, or it would have been
   * answered), else a refund that is not possible.
   */
  private ProblemType refundRefusal(String orderId, String refundId) {
    try {
      OrderStatus status = calls.read(() -> stub(orderId).getOrder().status()).orElse(null);
      if (status != OrderStatus.COMPLETED && status != OrderStatus.PARTIALLY_REFUNDED) {
        return ProblemType.ORDER_NOT_REFUNDABLE;
      }
      boolean idUsed =
          calls.read(() -> stub(orderId).getRefunds()).orElse(List.of()).stream()
              .anyMatch(r -> r.refundId().equals(refundId));
      return idUsed ? ProblemType.IDEMPOTENCY_CONFLICT : ProblemType.INVALID_REFUND;
    } catch (ApiProblem e) {
      return ProblemType.INVALID_REFUND; // refused either way; the message says why
    }
  }

  private <A, R> UpdateOutcome<R> send(
      Functions.Func1<A, R> update,
      A argument,
      UpdateOptions<R> options,
      Duration timeout,
      Supplier<ProblemType> untypedRefusal) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Future<WorkflowUpdateHandle<R>> start =
        calls.submit(() -> WorkflowClient.startUpdate(update, argument, options), RETRY);
    WorkflowUpdateHandle<R> handle;
    try {
      handle = start.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      start.cancel(true);
      throw new ApiProblem(
          ProblemType.SERVICE_UNAVAILABLE,
          "The order did not take the request in time; " + RETRY,
          List.of(),
          e);
    } catch (ExecutionException e) {
      return failed(e.getCause(), untypedRefusal);
    } catch (InterruptedException e) {
      start.cancel(true);
      Thread.currentThread().interrupt();
      throw TemporalCalls.unavailable(e, RETRY);
    }
    Future<R> result = calls.submit(handle::getResult, RETRY);
    try {
      return new UpdateOutcome.Completed<>(
          result.get(remainingMillis(deadline), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      result.cancel(true);
      return new UpdateOutcome.Accepted<>();
    } catch (ExecutionException e) {
      return failed(e.getCause(), untypedRefusal);
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      return new UpdateOutcome.Accepted<>();
    }
  }

  /**
   * A refusal becomes its problem; a finished or missing workflow, {@code Closed}. Any other
   * failure the handler raised is unexpected (500).
   */
  private static <R> UpdateOutcome<R> failed(
      Throwable cause, Supplier<ProblemType> untypedRefusal) {
    ApplicationFailure failure = null;
    for (Throwable c = cause; c != null && failure == null; c = c.getCause()) {
      if (c instanceof ApplicationFailure f) {
        failure = f;
      }
    }
    String rejection = UpdateRejections.typeOf(failure);
    if (rejection != null && REJECTIONS.containsKey(rejection)) {
      throw new ApiProblem(REJECTIONS.get(rejection), UpdateRejections.detailOf(failure));
    }
    if (failure != null && LOST_TYPE.equals(failure.getType())) {
      throw new ApiProblem(untypedRefusal.get(), failure.getOriginalMessage());
    }
    if (TemporalCalls.isUnavailable(cause)) {
      throw TemporalCalls.unavailable(cause, RETRY);
    }
    boolean typed = failure != null && failure.getType() != null && !failure.getType().isEmpty();
    if (!typed && TemporalCalls.isClosedWorkflow(cause)) {
      // Includes an update the server ended because the workflow completed before it did.
      return new UpdateOutcome.Closed<>();
    }
    throw new IllegalStateException("order update failed", cause);
  }

  private OrderWorkflow stub(String orderId) {
    return client.newWorkflowStub(OrderWorkflow.class, PlaceOrderRequest.workflowId(orderId));
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }
}
