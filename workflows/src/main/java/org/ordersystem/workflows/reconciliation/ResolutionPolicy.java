package org.ordersystem.workflows.reconciliation;

import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStep;

/**
 * What reconciliation may do by itself, and what it leaves to people. The safe cases:
 *
 * <pre>
 *   the order                      the provider                    action
 *   being placed (CREATING)        anything                        wait: its own calls settle it
 *   PENDING at AUTHORIZE_PAYMENT   holds the authorization         retry: the Try finds it
 *                                  has nothing (feed caught up)    roll back (void leaves a barrier)
 *   PENDING at CAPTURE_PAYMENT     captured what we hold           post the capture, then retry
 *                                  anything else                   retry (no rollback after capture)
 *   none, or REJECTED/CANCELLED    holds an authorization          void it by reference
 *                                  charged, we never posted        refund it (posting it first when
 *                                                                  we hold the authorization)
 *                                  nothing, we hold a reservation  void our leg
 * </pre>
 *
 * Anything else (a paid order whose amounts differ, a capture of another amount, ...) is reported:
 * money the customer and the shop both think is settled is never moved by a machine.
 */
public final class ResolutionPolicy {

  private ResolutionPolicy() {}

  /** What to do about a stored mismatch, given the order behind its payment. */
  public static Resolution forMismatch(Mismatch m, OrderFacts order, boolean feedCaughtUp) {
    ProviderRecord p = m.provider();
    InternalRecord i = m.internal();
    if (order.inFlight()) {
      return new Resolution(
          ResolutionAction.WAIT, "the order is being placed: its own calls may settle the leg");
    }
    for (OrderStep step :
        new OrderStep[] {OrderStep.AUTHORIZE_PAYMENT, OrderStep.CAPTURE_PAYMENT}) {
      if (order.pendingAt(step)) {
        return forPending(step, p, i, feedCaughtUp);
      }
    }
    if (order.wantsPayment()) {
      return report(
          "the order is "
              + order.status()
              + (order.step() == null ? "" : " at " + order.step())
              + " and wants its payment: a person decides");
    }
    String noOrder = order.found() ? "the order is " + order.status() : "no order exists";
    if (p != null && p.held() > 0) {
      if (i == null || i.state() == LegState.AUTHORIZED || i.state() == LegState.NEW) {
        return new Resolution(
            ResolutionAction.VOID_LEG, noOrder + ": the card hold is voided with our leg");
      }
      if (i.state() == LegState.VOIDED) {
        return new Resolution(
            ResolutionAction.VOID_AT_PROVIDER, noOrder + ": the card hold is voided by reference");
      }
      return report(noOrder + ", yet we posted the leg the provider only holds");
    }
    if (p != null && p.charged() > 0 && (i == null || i.charged() == 0)) {
      if (i != null && i.state() == LegState.AUTHORIZED) {
        return capturedInFull(p, i)
            ? new Resolution(
                ResolutionAction.RECORD_CAPTURE_THEN_REFUND,
                noOrder + ": the provider's capture is posted, then refunded to the card")
            : report(noOrder + ", and the provider captured another amount than we hold");
      }
      return new Resolution(
          ResolutionAction.REFUND_AT_PROVIDER,
          noOrder + ": what the provider charged is refunded to the card");
    }
    if (i != null && i.held() > 0 && (p == null || (p.held() == 0 && p.charged() == 0))) {
      return new Resolution(
          ResolutionAction.VOID_LEG, noOrder + ": our reservation has no card hold behind it");
    }
    return report(noOrder + ", and the difference is not one reconciliation may correct");
  }

  /** What to tell an order PENDING at a payment step, from the provider's record of its card. */
  public static Resolution forPending(
      OrderStep step, ProviderRecord p, InternalRecord i, boolean feedCaughtUp) {
    boolean providerHolds = p != null && p.held() > 0;
    boolean providerCharged = p != null && p.charged() > 0;
    boolean weHold = i != null && i.held() > 0;
    if (step == OrderStep.AUTHORIZE_PAYMENT) {
      if (providerHolds || weHold) {
        return new Resolution(
            ResolutionAction.RETRY_ORDER,
            "the provider authorized the card: the retried Try finds it by reference");
      }
      if (providerCharged) {
        return report("the provider charged a card the order never finished authorizing");
      }
      if (!feedCaughtUp) {
        return new Resolution(
            ResolutionAction.WAIT, "the provider's events are not all in yet: decide next run");
      }
      return new Resolution(
          ResolutionAction.ROLLBACK_ORDER,
          "the provider holds nothing for the card: the order rolls back (its void bars a late"
              + " authorization)");
    }
    if (step == OrderStep.CAPTURE_PAYMENT) {
      if (providerCharged && i != null && i.state() == LegState.AUTHORIZED) {
        return capturedInFull(p, i)
            ? new Resolution(
                ResolutionAction.RECORD_CAPTURE_THEN_RETRY,
                "the provider captured the card while our call timed out: the capture is posted,"
                    + " then the order goes on")
            : report("the provider captured another amount than the order holds");
      }
      return new Resolution(
          ResolutionAction.RETRY_ORDER, "capture has begun: only a retry completes the order");
    }
    return report("the order is PENDING at " + step + ", not at a payment step");
  }

  private static boolean capturedInFull(ProviderRecord p, InternalRecord i) {
    return p.captured() == i.amount()
        && p.refunded() == 0
        && p.authorizationId().equals(i.pspAuthorizationId());
  }

  private static Resolution report(String why) {
    return new Resolution(ResolutionAction.REPORT, why);
  }
}
