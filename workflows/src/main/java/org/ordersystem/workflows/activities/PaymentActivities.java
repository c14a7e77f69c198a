package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.model.PaymentSource;

/** Moves a customer's money through the payment service, one leg per funding source. */
@ActivityInterface
public interface PaymentActivities {

  /** Try one leg: reserve its amount on its funding source. */
  record AuthorizeLegInput(
      String idempotencyKey, String orderId, String legId, String customerId, PaymentSource source) {}

  /** Confirm or cancel one leg. */
  record LegRef(String idempotencyKey, String orderId, String legId) {}

  /** Reserves the leg's amount. Fails non-retryably with PAYMENT_DECLINED, UNKNOWN_CUSTOMER, ... */
  void authorizeLeg(AuthorizeLegInput input);

  /** Posts an authorized leg. */
  void captureLeg(LegRef ref);

  /** Undoes {@link #authorizeLeg}; succeeds when nothing was authorized (and leaves a barrier). */
  void voidLeg(LegRef ref);
}
