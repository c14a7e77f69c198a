package org.ordersystem.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port no one listens on right now. Another process may take it before the caller binds it;
 * where that matters the caller must cope (see {@code DevRunIntegrationTest}).
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
}
