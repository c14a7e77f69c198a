package org.ordersystem.launcher;

/**
 * A reason the local stack cannot start that its message explains in full, with what to do: the
 * launcher prints the message alone, without a stack trace.
 */
final class CannotStart extends RuntimeException {

  CannotStart(String message) {
    super(message);
  }

  CannotStart(String message, Throwable cause) {
    super(message, cause);
  }
}
