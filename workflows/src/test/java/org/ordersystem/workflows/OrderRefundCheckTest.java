package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.ordersystem.workflows.OrderRefundTest.amount;
import static org.ordersystem.workflows.OrderRefundTest.lines;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.ordersystem.workflows.activities.PaymentActivities.RefundLegInput;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PlaceOrderRequest;
import org.ordersystem.workflows.model.RefundLine;
import org.ordersystem.workflows.model.RefundRequest;
import org.ordersystem.workflows.model.RefundView;

/** What a refund may take: racing requests, bad input, orders that cannot be refunded. */
class OrderRefundCheckTest extends OrderWorkflowTestBase {

  private static final String ID = Orders.ORDER_ID;
  private static final Set<EventType> WORKFLOW_TASK_EVENTS =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);

  @Test
  void shouldNeverRefundMoreThanWasCapturedWhenRequestsRace() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));
    int requests = 10; // 10 x 1,000 JPY against 6,000 captured
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    List<Future<Throwable>> outcomes = new ArrayList<>();
    List<RefundView> refunds = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int i = 0; i < requests; i++) {
        RefundRequest request = amount("race-" + i, 1_000);
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  return catchThrowable(() -> refunds.add(workflow.requestRefund(request)));
                }));
      }
      go.countDown();
      List<Throwable> failures = new ArrayList<>();
      for (Future<Throwable> outcome : outcomes) {
        Throwable failure = outcome.get(30, TimeUnit.SECONDS);
        if (failure != null) {
          failures.add(failure);
        }
      }

      assertThat(refunds).hasSize(6);
      assertThat(failures)
          .hasSize(4)
          .allSatisfy(f -> assertThat(rejectionType(f)).isEqualTo(UpdateRejections.INVALID_REFUND));
    } finally {
      pool.shutdownNow();
    }
    ArgumentCaptor<RefundLegInput> legRefunds = ArgumentCaptor.forClass(RefundLegInput.class);
    verify(payment, atLeastOnce()).refundLeg(legRefunds.capture());
    Map<String, Long> perLeg =
        legRefunds.getAllValues().stream()
            .collect(
                Collectors.groupingBy(
                    RefundLegInput::legId, Collectors.summingLong(RefundLegInput::amount)));
    assertThat(perLeg)
        .containsExactlyInAnyOrderEntriesOf(Map.of("1", 2_500L, "2", 2_500L, "3", 1_000L));
    assertThat(workflow.getRefunds()).hasSize(6);
    OrderView order = closeWindow(workflow);
    assertThat(order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(order.refundedAmount()).isEqualTo(6_000);
    assertHistoryReplays();
  }

  @Test
  void shouldRejectBadRefundsInTheValidatorWithoutTouchingTheHistory() throws Exception {
    OrderWorkflow workflow = startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));
    workflow.requestRefund(amount("ref-1", 5_000));
    List<HistoryEvent> before = historyBeyondWorkflowTasks();

    assertInvalid(workflow, amount("ref-2", 0), "at least 1 JPY");
    assertInvalid(workflow, amount("ref-2", -5), "at least 1 JPY");
    assertInvalid(workflow, amount("ref-2", 1_001), "1000 JPY");
    assertInvalid(workflow, lines("ref-2", new RefundLine("SKU-MUG", 1)), "no line of sku SKU-MUG");
    assertInvalid(workflow, lines("ref-2", new RefundLine("SKU-TEA", 3)), "2 left");
    assertInvalid(
        workflow,
        lines("ref-2", new RefundLine("SKU-TEA", 2), new RefundLine("SKU-TEA", 1)),
        "2 left");
    assertInvalid(workflow, lines("ref-2", new RefundLine("SKU-TEA", 0)), "at least 1 unit");
    assertInvalid(workflow, lines("ref-2", new RefundLine("SKU-CUP", 1)), "1000 JPY");
    assertInvalid(
        workflow,
        new RefundRequest("ref-2", 100L, List.of(new RefundLine("SKU-TEA", 1)), null),
        "not both");
    assertInvalid(workflow, new RefundRequest("ref-2", null, List.of(), null), "not both");
    assertInvalid(workflow, amount(" ", 100), "needs an id");

    assertThat(historyBeyondWorkflowTasks()).isEqualTo(before);
    assertThat(workflow.getRefunds()).hasSize(1);
    assertThat(workflow.getOrder().refundedAmount()).isEqualTo(5_000);
    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertHistoryReplays();
  }

  @Test
  void shouldRefuseToRefundAnOrderThatIsNotCompleted() throws Exception {
    CountDownLatch shippingCalled = new CountDownLatch(1);
    CountDownLatch testDone = new CountDownLatch(1);
    when(shipping.registerShipment(any()))
        .thenAnswer(
            afterLocalAttemptsFail(
                call -> {
                  shippingCalled.countDown();
                  testDone.await(5, TimeUnit.SECONDS);
                  return new Shipment(ID, TRACKING_NUMBER);
                }));
    OrderWorkflow workflow = newOrderWorkflow();
    WorkflowClient.start(workflow::placeOrder, Orders.paidByBalance());
    assertThat(shippingCalled.await(5, TimeUnit.SECONDS)).isTrue();

    ApplicationFailure creating =
        rejection(catchThrowable(() -> workflow.requestRefund(amount("ref-1", 100))));
    testDone.countDown();

    assertThat(UpdateRejections.typeOf(creating)).isEqualTo(UpdateRejections.ORDER_NOT_REFUNDABLE);
    assertThat(UpdateRejections.detailOf(creating)).contains("is CREATING");
    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
    verify(payment, never()).refundLeg(any());
  }

  @Test
  void shouldRefuseToRefundARefundedOrderButStillAnswerItsRefunds() {
    OrderWorkflow workflow = startCompleted(Orders.paidByBalance());
    RefundView all = workflow.requestRefund(amount("ref-1", 6_000));

    ApplicationFailure refunded =
        rejection(catchThrowable(() -> workflow.requestRefund(amount("ref-2", 1))));

    assertThat(UpdateRejections.typeOf(refunded)).isEqualTo(UpdateRejections.ORDER_NOT_REFUNDABLE);
    assertThat(UpdateRejections.detailOf(refunded)).contains("is REFUNDED");
    assertThat(workflow.requestRefund(amount("ref-1", 6_000))).isEqualTo(all);
    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  private static void assertInvalid(OrderWorkflow workflow, RefundRequest request, String why) {
    ApplicationFailure failure = rejection(catchThrowable(() -> workflow.requestRefund(request)));
    assertThat(UpdateRejections.typeOf(failure))
        .as(request.toString())
        .isEqualTo(UpdateRejections.INVALID_REFUND);
    assertThat(UpdateRejections.detailOf(failure)).as(request.toString()).contains(why);
  }

  /**
   * The history without its workflow tasks: the test server records the tasks that ran the
   * validators, where a real server drops them (speculative tasks); nothing else may change.
   */
  private List<HistoryEvent> historyBeyondWorkflowTasks() {
    return client.fetchHistory(PlaceOrderRequest.workflowId(ID)).getEvents().stream()
        .filter(event -> !WORKFLOW_TASK_EVENTS.contains(event.getEventType()))
        .toList();
  }
}
