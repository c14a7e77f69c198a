package org.ordersystem.reconciliation;

/** The reconciliation database failed; callers retry (activities) or answer 503 (the API). */
public final class ReconciliationStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReconciliationStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
