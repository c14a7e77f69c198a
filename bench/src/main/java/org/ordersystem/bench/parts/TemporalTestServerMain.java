package org.ordersystem.bench.parts;

import io.temporal.testserver.TestServer;
import java.util.concurrent.CountDownLatch;

/**
 * The in-process Temporal server of {@code dev/run}, alone in a JVM, so the benchmark can measure
 * its CPU apart from the workers and the API. Time skipping stays locked, as in the local stack.
 * Argument: the port (7233).
 */
public final class TemporalTestServerMain {

  private TemporalTestServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7233;
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    System.out.println("In-process Temporal server on localhost:" + port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
