package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The local stack as a user runs it: the jar {@code dev/run} starts, configured by environment
 * variables, stopped by a signal, and started again on the same data directory.
 */
class DevRunIntegrationTest {

  private static final Path JAR = Path.of("target/orders-local-stack.jar");
  private static final String SHOP_KEY = "devrun-shop-key";
  private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

  @Test
  void shouldServeOrdersStopOnSignalAndKeepThemAcrossARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("orders-devrun");

    RunningJar first = start(dataDir, "first");
    String orderId;
    try {
      ApiClient shop = first.shop();
      long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
      orderId = Orders.placeOne(shop, price);
      assertThat(Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60)).path("status").asText())
          .isEqualTo("COMPLETED");
    } finally {
      stop(first.process());
    }
    assertThat(Files.readString(first.log())).contains("Stopping the local stack");

    RunningJar second = start(dataDir, "second");
    try {
      JsonNode order = second.shop().get("/api/v1/orders/" + orderId).body();
      assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
    } finally {
      stop(second.process());
    }
  }

  @Test
  void shouldExitWithTheCauseWhenItCannotStart() throws Exception {
    Path dataDir = Files.createTempDirectory("orders-devrun-taken");
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> env =
          Map.of(
              "ORDERS_DATA_DIR",
              dataDir.toString(),
              "SERVER_PORT",
              "0",
              "ORDERS_TEMPORAL_PORT",
              Integer.toString(taken.getLocalPort()),
              "ORDERS_DB_PORT",
              "0");
      Path log = dataDir.resolve("taken.log");
      Process process = startProcess(env, log);

      boolean exited = process.waitFor(2, TimeUnit.MINUTES);
      if (!exited) {
        process.destroyForcibly();
      }

      assertThat(exited).as("the stack exits instead of hanging").isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(Files.readString(log))
          .contains("The local stack could not start")
          .contains("already in use");
    }
  }

  /** The jar as {@code dev/run} starts it, and the shop's client of its REST API. */
  private record RunningJar(Process process, Path log, ApiClient shop) {}

  /**
   * Starts the jar on the data directory with free ports. A port found free here can be taken by
   * another process before the stack binds it; the stack then exits saying so, and is started again
   * on other ports ({@link FreePorts#retryWhenTaken}).
   */
  private static RunningJar start(Path dataDir, String name) throws Exception {
    return FreePorts.retryWhenTaken(() -> startOnce(dataDir, name));
  }

  /**
   * @throws IllegalStateException with the stack's log when it exited before it was ready
   */
  private static RunningJar startOnce(Path dataDir, String name) throws IOException {
    int apiPort = FreePorts.any();
    Map<String, String> env =
        Map.of(
            "ORDERS_DATA_DIR",
            dataDir.toString(),
            "SERVER_PORT",
            Integer.toString(apiPort),
            "ORDERS_TEMPORAL_PORT",
            Integer.toString(FreePorts.any()),
            "ORDERS_DB_PORT",
            Integer.toString(FreePorts.any()),
            "ORDERS_STOCK_PORT",
            "0",
            "ORDERS_SHIPPING_PORT",
            "0",
            "ORDERS_PAYMENT_PORT",
            "0",
            "ORDERS_PSP_PORT",
            "0",
            "ORDERS_DEMO_SHOP_KEY",
            SHOP_KEY);
    Path log = Files.createTempFile(dataDir, name + "-", ".log");
    Process process = startProcess(env, log);
    if (!awaitReady(process, log)) {
      throw new IllegalStateException(
          "stack exited with " + process.exitValue() + ":\n" + Files.readString(log));
    }
    return new RunningJar(process, log, new ApiClient(apiPort, SHOP_KEY));
  }

  private static Process startProcess(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * @return true once the stack says it is ready, false if it exited first
   */
  private static boolean awaitReady(Process process, Path log) throws IOException {
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !process.isAlive() || Files.readString(log).contains("Ctrl-C stops it."));
    } catch (ConditionTimeoutException e) {
      // What the stack was doing is the only way to tell a slow start from a hung one.
      String threads = threadDump(process);
      process.destroyForcibly();
      throw new AssertionError(
          "stack not ready within 3 minutes; its threads:\n"
              + threads
              + "\nits log:\n"
              + Files.readString(log),
          e);
    }
    if (!process.isAlive()) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
    return true;
  }

  private static String threadDump(Process process) {
    try {
      Process jcmd =
          new ProcessBuilder(JCMD.toString(), Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return dump;
    } catch (IOException e) {
      return "(no thread dump: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(thread dump interrupted)";
    }
  }

  /** SIGTERM, as Ctrl-C would do, then a bounded wait for a clean exit. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("stack did not stop within 60 s of SIGTERM");
    }
  }
}
