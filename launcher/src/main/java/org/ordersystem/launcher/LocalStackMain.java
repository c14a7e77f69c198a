package org.ordersystem.launcher;

import java.util.concurrent.CountDownLatch;

/** {@code dev/run}: starts the local stack and stops it cleanly on Ctrl-C. */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws Exception {
    LocalStack stack = LocalStack.start(LocalStackOptions.fromEnv(System.getenv()));
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
