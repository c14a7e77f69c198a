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
  private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");

  @Test
  void shouldServeOrdersStopOnSignalAndKeepThemAcrossARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("orders-devrun");
    Map<String, String> env =
        Map.of(
            "ORDERS_DATA_DIR", dataDir.toString(),
            "SERVER_PORT", Integer.toString(freePort()),
            "ORDERS_TEMPORAL_PORT", Integer.toString(freePort()),
            "ORDERS_DB_PORT", Integer.toString(freePort()),
            "ORDERS_STOCK_PORT", "0",
            "ORDERS_SHIPPING_PORT", "0",
            "ORDERS_PAYMENT_PORT", "0",
            "ORDERS_PSP_PORT", "0",
            "ORDERS_DEMO_SHOP_KEY", "devrun-shop-key");
    ApiClient shop = new ApiClient(Integer.parseInt(env.get("SERVER_PORT")), "devrun-shop-key");

    Process first = start(env, dataDir.resolve("first.log"));
    String orderId;
    try {
      long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
      ApiClient.Answer placed =
          shop.post(
              "/api/v1/orders",
              Orders.newKey(),
              Orders.body(Orders.CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price));
      assertThat(placed.status()).as(String.valueOf(placed.body())).isIn(201, 202);
      orderId = placed.body().path("orderId").asText();
      assertThat(Orders.awaitFinal(shop, orderId, Duration.ofSeconds(60)).path("status").asText())
          .isEqualTo("COMPLETED");
    } finally {
      stop(first);
    }
    assertThat(Files.readString(dataDir.resolve("first.log"))).contains("Stopping the local stack");

    Process second = start(env, dataDir.resolve("second.log"));
    try {
      JsonNode order = shop.get("/api/v1/orders/" + orderId).body();
      assertThat(order.path("status").asText()).isEqualTo("COMPLETED");
    } finally {
      stop(second);
    }
  }

  private static Process start(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError("stack exited:\n" + Files.readString(log));
                }
                return Files.readString(log).contains("Ctrl-C stops it.");
              });
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
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
