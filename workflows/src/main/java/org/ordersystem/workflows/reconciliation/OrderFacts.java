package org.ordersystem.workflows.reconciliation;

import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;

/**
 * What the order behind a payment says about it.
 *
 * @param found whether an order workflow of this id exists
 * @param running whether that workflow is still open (an order stays open through its refund window
 *     after COMPLETED)
 * @param status the order's status, null when not found or unreadable
 * @param step the order's step, null when not found or unreadable
 */
public record OrderFacts(
    String orderId, boolean found, boolean running, OrderStatus status, OrderStep step) {

  public static OrderFacts notFound(String orderId) {
    return new OrderFacts(orderId, false, false, null, null);
  }

  /** Whether the order still needs its payment: being placed or waiting, or paid. */
  public boolean wantsPayment() {
    return status != null && status != OrderStatus.REJECTED && status != OrderStatus.CANCELLED;
  }

  /** Whether it is PENDING at this step, waiting to be told what to do. */
  public boolean pendingAt(OrderStep pendingStep) {
    return running && status == OrderStatus.PENDING && step == pendingStep;
  }

  /** Being placed right now: its own calls may still settle the payment. */
  public boolean inFlight() {
    return running && status == OrderStatus.CREATING;
  }
}
