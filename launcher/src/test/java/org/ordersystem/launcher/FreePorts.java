package org.ordersystem.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

/**
 * A port no one listens on right now. Another process may take it before the caller binds it;
 * {@link #retryWhenTaken} starts again on other ports then.
 */
final class FreePorts {

  private FreePorts() {}

  static int any() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code start}, which picks its ports with {@link #any}, and runs it again (up to three
   * times in all) when it failed because another process bound one of them first.
   */
  static <T> T retryWhenTaken(Callable<T> start) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return start.call();
      } catch (Exception e) {
        if (attempt == 3 || !portTaken(e)) {
          throw e;
        }
      }
    }
  }

  /** Whether the failure says a port was in use: what a lost race for a free port looks like. */
  static boolean portTaken(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("already in use"))) {
        return true;
      }
    }
    return false;
  }
}
