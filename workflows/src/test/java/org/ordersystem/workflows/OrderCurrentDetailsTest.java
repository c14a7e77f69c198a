package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderView;

/** What Temporal UI shows on an order's page: the current details the workflow keeps. */
class OrderCurrentDetailsTest extends OrderWorkflowTestBase {

  @Test
  void shouldTellOperatorsWhatToDoWithAPendingOrderAndThatItCompletedAfterTheRetry()
      throws Exception {
    when(shipping.registerShipment(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("carrier refused", "CARRIER_REFUSED"))
        .thenReturn(new Shipment(Orders.ORDER_ID, TRACKING_NUMBER));
    OrderWorkflow workflow = start(Orders.paidByCardBalanceAndPoints("tok_secret"));
    awaitOrder(workflow, o -> o.status() == OrderStatus.PENDING);

    assertThat(currentDetails(Orders.ORDER_ID))
        .startsWith("**PENDING** at step REGISTER_SHIPPING")
        .contains("Reason: CARRIER_REFUSED")
        .contains("Message: `carrier refused`")
        .contains("POST /api/v1/ops/orders/" + Orders.ORDER_ID + "/retry")
        .contains("signal `retry`")
        .contains("POST /api/v1/ops/orders/" + Orders.ORDER_ID + "/rollback")
        .contains("signal `rollback`")
        .doesNotContain("tok_secret")
        .doesNotContain("Hanako");

    OrderView retried = workflow.retryPending(operator("carrier is back"));

    assertThat(retried.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(currentDetails(Orders.ORDER_ID))
        .startsWith("**COMPLETED**")
        .contains("Refund window open until")
        .doesNotContain("What to do");
    assertThat(closeWindow(workflow).status()).isEqualTo(OrderStatus.COMPLETED);
    assertHistoryReplays();
  }
}
