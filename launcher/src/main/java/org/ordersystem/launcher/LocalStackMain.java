package org.ordersystem.launcher;

import java.util.concurrent.CountDownLatch;

/** {@code dev/run}: starts the local stack and stops it cleanly on Ctrl-C. */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws Exception {
    LocalStackOptions options;
    try {
      options = LocalStackOptions.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack;
    try {
      stack = LocalStack.start(options);
    } catch (CannotStart e) {
      // Explained in full by its message, with what to do; a stack trace would bury it.
      System.err.println("The local stack could not start: " + e.getMessage());
      System.exit(1);
      return;
    } catch (Exception | Error e) {
      // Threads a part started before the failure (MariaDB's watcher, gRPC, pools) may outlive
      // the stop and keep the JVM running: the user would see a stack that hangs, never ready.
      System.err.println("The local stack could not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the local stack...");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-shutdown"));
    System.out.println(
        "\nOrder system local stack is ready.\n" + stack.banner() + "Ctrl-C stops it.");
    stopped.await();
  }
}
