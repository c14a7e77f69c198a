package org.ordersystem.workflows.reconciliation;

/** Where an authorization stands at the provider, after its latest event. */
public enum ProviderState {
  AUTHORIZED,
  CAPTURED,
  VOIDED,
  EXPIRED
}
