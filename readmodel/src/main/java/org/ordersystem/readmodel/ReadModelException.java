package org.ordersystem.readmodel;

/** The read model's database could not be reached or gave an unexpected answer. */
public class ReadModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReadModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
