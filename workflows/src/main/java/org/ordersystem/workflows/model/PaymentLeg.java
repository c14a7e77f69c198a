package org.ordersystem.workflows.model;

/** One leg of an order's payment: a funding source, its amount and its state. */
public record PaymentLeg(String legId, SourceType type, long amount, LegState state) {

  public PaymentLeg withState(LegState newState) {
    return new PaymentLeg(legId, type, amount, newState);
  }
}
