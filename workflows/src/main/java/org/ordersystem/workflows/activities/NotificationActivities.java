package org.ordersystem.workflows.activities;

import io.temporal.activity.ActivityInterface;
import org.ordersystem.workflows.recovery.Notification;

/** The notification webhook: the first report of a stuck order, without a human. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * POSTs the notification as JSON to the configured webhook URL; logs it when none is set. A
   * non-2xx answer or a network error fails the attempt, so it is retried.
   */
  void send(Notification notification);
}
