package org.ordersystem.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ordersystem.workflows.activities.ShippingActivities.Shipment;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.PlaceOrderRequest;

/**
 * Service steps run as local activities first ({@link LocalFirst}): a healthy order schedules no
 * activity task at all, and a step whose local attempts fail goes on as an activity.
 */
class LocalServiceCallsTest extends OrderWorkflowTestBase {

  @Test
  void shouldPlaceAHealthyOrderWithoutASingleActivityTask() throws Exception {
    startCompleted(Orders.paidByCardBalanceAndPoints("tok_ok"));

    assertThat(scheduledActivities()).isEmpty();
    assertThat(history())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .as("reserve, 3 Tries, shipping, 3 Confirms, commit, and the read-model writes")
        .hasSizeGreaterThanOrEqualTo(9);
    assertHistoryReplays();
  }

  @Test
  void shouldGoOnAsAnActivityWhenTheLocalAttemptsFail() throws Exception {
    when(shipping.registerShipment(any()))
        .thenAnswer(afterLocalAttemptsFail(call -> new Shipment(Orders.ORDER_ID, TRACKING_NUMBER)));

    assertThat(place(Orders.paidByBalance()).status()).isEqualTo(OrderStatus.COMPLETED);

    assertThat(scheduledActivities()).containsExactly("RegisterShipment");
    verify(shipping, times(StepOptions.LOCAL_ATTEMPTS + 1)).registerShipment(any());
    assertHistoryReplays();
  }

  @Test
  void shouldNotRetryABusinessAnswerAsAnActivity() {
    when(shipping.registerShipment(any()))
        .thenThrow(businessFailure(FailureType.INVALID_ADDRESS, "no such street"));

    assertThat(place(Orders.paidByBalance()).status()).isEqualTo(OrderStatus.REJECTED);

    verify(shipping, times(1)).registerShipment(any());
    assertThat(scheduledActivities()).doesNotContain("RegisterShipment");
  }

  private List<HistoryEvent> history() {
    return client.fetchHistory(PlaceOrderRequest.workflowId(Orders.ORDER_ID)).getEvents();
  }

  private List<String> scheduledActivities() {
    return history().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }
}
