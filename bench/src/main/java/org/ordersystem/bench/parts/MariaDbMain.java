package org.ordersystem.bench.parts;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;

/**
 * The local stack's MariaDB (same binaries and settings as {@code dev/run}: durable commits),
 * started from a JVM that then only waits; the server itself is the child process {@code mariadbd},
 * whose CPU the benchmark measures. Arguments: the data directory and the port.
 */
public final class MariaDbMain {

  private MariaDbMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), Integer.parseInt(args[1]));
    System.out.println("MariaDB on localhost:" + db.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  db.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
