package org.ordersystem.workflows.reconciliation;

/**
 * One corrective call about one card leg, with the key that makes it happen once however often it
 * is retried: derived from the mismatch (or the order) and the action, never from an attempt.
 *
 * @param authorizationId the provider's authorization, for captures and refunds by id
 * @param amount JPY to refund, or the captured amount to post
 */
public record LegCorrection(
    String idempotencyKey, String paymentId, String legId, String authorizationId, long amount) {

  public String reference() {
    return paymentId + ":" + legId;
  }
}
