package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The local stack as a user runs it: the jar {@code dev/run} starts with its defaults (the durable
 * Temporal dev server with Temporal UI), stopped by a signal or killed, and started again on the
 * same data directory with nothing cleaned by hand.
 */
class DevRunIntegrationTest {

  /** Short enough for an outage to make an order PENDING within seconds. */
  private static final Map<String, String> SHORT_BUDGET =
      Map.of(
          "ORDERS_RECOVERY_STEP_BUDGET", "PT3S",
          // The sweep must not retry the PENDING order before the operator does.
          "ORDERS_RECOVERY_RETRY_BACKOFF", "PT1H");

  @Test
  void shouldKeepACompletedAndAPendingOrderAcrossARestart() throws Exception {
    Path dataDir = TestDirs.create("orders-devrun");
    StackProcess first = StackProcess.start(dataDir, "first", SHORT_BUDGET);
    String completed;
    String pending;
    long price;
    try {
      assertThat(first.output()).containsPattern("Temporal UI +http://localhost:\\d+");
      ApiClient shop = first.shop();
      price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
      completed = Orders.placeOne(shop, price);
      Orders.awaitStatus(shop, completed, "COMPLETED", Duration.ofSeconds(60));
      first.operator().put("/api/v1/dev/faults/shipping", "{\"outage\":true}");
      pending = Orders.placeOne(shop, price);
      JsonNode stopped = Orders.awaitStatus(shop, pending, "PENDING", Duration.ofSeconds(60));
      assertThat(stopped.path("pending").path("step").asText()).isEqualTo("REGISTER_SHIPPING");
    } finally {
      first.stop();
    }
    assertThat(first.output()).contains("Stopping the local stack");

    // The faults lived in the stopped services: shipping is up again after the restart.
    StackProcess second = StackProcess.start(dataDir, "second", SHORT_BUDGET);
    try {
      ApiClient shop = second.shop();
      assertThat(shop.get("/api/v1/orders/" + pending).body().path("status").asText())
          .isEqualTo("PENDING");
      ApiClient.Answer retry =
          second
              .operator()
              .post("/api/v1/ops/orders/" + pending + "/retry", null, "{\"note\":\"restarted\"}");
      assertThat(retry.status()).as(String.valueOf(retry.body())).isIn(200, 202);
      Orders.awaitStatus(shop, pending, "COMPLETED", Duration.ofSeconds(60));

      ApiClient.Answer refund =
          shop.post(
              "/api/v1/orders/" + completed + "/refunds",
              Orders.newKey(),
              "{\"amount\":" + price + ",\"reason\":\"refund after a restart\"}");
      assertThat(refund.status()).as(String.valueOf(refund.body())).isIn(200, 201, 202);
      Orders.awaitStatus(shop, completed, "REFUNDED", Duration.ofSeconds(60));
      Wallet.assertLedgerBalanced(second.operator());
    } finally {
      second.stop();
    }
  }

  /**
   * Orders paid from the balance, points and a card at once (three legs, the heaviest shape), some
   * accepted and some still being placed when the launcher is killed.
   */
  @Test
  void shouldCompleteOrdersInFlightAtAKillAndStartAgainWithoutCleanup() throws Exception {
    Path dataDir = TestDirs.create("orders-devrun-kill");
    StackProcess first = StackProcess.start(dataDir, "first", Map.of());
    ApiClient shop = first.shop();
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    Wallet before = Wallet.of(first.operator(), Orders.CUSTOMER);
    Map<String, CompletableFuture<ApiClient.Answer>> placements = new LinkedHashMap<>();
    List<ProcessHandle> servers = first.children();
    ExecutorService frontends = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8; i++) {
        String key = Orders.newKey();
        placements.put(
            key, CompletableFuture.supplyAsync(() -> place(shop, key, price), frontends));
      }
      // Killed once the first orders are accepted, with the others still being placed.
      CompletableFuture.anyOf(placements.values().toArray(CompletableFuture[]::new))
          .get(60, TimeUnit.SECONDS);
      first.kill();
    } finally {
      frontends.shutdown();
    }
    assertThat(frontends.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(placements.values().stream().map(CompletableFuture::join))
        .as("orders were accepted (CREATING) and still being placed when it was killed")
        .anyMatch(answer -> answer != null && "CREATING".equals(statusOf(answer)));
    await()
        .atMost(Duration.ofSeconds(60))
        .alias("the servers of a killed launcher stop with it")
        .until(() -> servers.stream().noneMatch(ProcessHandle::isAlive));

    StackProcess second = StackProcess.start(dataDir, "second", Map.of());
    List<String> orderIds = new ArrayList<>();
    try {
      // A frontend whose request died with the stack sends it again, under the same key.
      placements.forEach(
          (key, answer) -> orderIds.add(orderIdOf(answer.join(), second.shop(), key, price)));
      for (String orderId : orderIds) {
        JsonNode done =
            Orders.awaitStatus(second.shop(), orderId, "COMPLETED", Duration.ofSeconds(120));
        assertThat(done.path("payment").path("legs").findValuesAsText("state"))
            .containsExactly("CAPTURED", "CAPTURED", "CAPTURED");
      }
      assertChargedOnce(second.operator(), before, orderIds.size(), price);
      assertThat(Catalog.available(second.shop(), Catalog.PLENTIFUL_SKU))
          .as("stock sold once per order")
          .isEqualTo(stockBefore - orderIds.size());
      killWithItsGuard(second);
    } finally {
      second.process().destroyForcibly();
    }

    // The launcher and its guard died together: MariaDB and Temporal run on, orphaned.
    StackProcess third = StackProcess.start(dataDir, "third", Map.of());
    try {
      assertThat(third.output()).contains("left running by a launcher that did not stop cleanly");
      for (String orderId : orderIds) {
        assertThat(third.shop().get("/api/v1/orders/" + orderId).body().path("status").asText())
            .isEqualTo("COMPLETED");
      }
      assertChargedOnce(third.operator(), before, orderIds.size(), price);
    } finally {
      third.stop();
    }
  }

  @Test
  void shouldExitWithTheCauseWhenItCannotStart() throws Exception {
    Path dataDir = TestDirs.create("orders-devrun-taken");
    try (ServerSocket taken = new ServerSocket(0)) {
      Map<String, String> env =
          Map.of(
              "ORDERS_DATA_DIR",
              dataDir.toString(),
              "SERVER_PORT",
              "0",
              "ORDERS_TEMPORAL_PORT",
              Integer.toString(taken.getLocalPort()),
              "ORDERS_TEMPORAL_UI_PORT",
              Integer.toString(FreePorts.any()),
              "ORDERS_DB_PORT",
              "0");
      Path log = dataDir.resolve("taken.log");
      Process process = StackProcess.run(env, log);

      boolean exited = process.waitFor(2, TimeUnit.MINUTES);
      if (!exited) {
        process.destroyForcibly();
      }

      assertThat(exited).as("the stack exits instead of hanging").isTrue();
      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(Files.readString(log))
          .contains("The local stack could not start")
          .contains("Temporal cannot listen on port " + taken.getLocalPort())
          .contains("already in use");
    }
  }

  /** Of each order's price: the points leg and the card leg; the balance pays the rest. */
  private static final long POINTS = 200;

  private static final long CARD = 100;

  /** A placement as a frontend sends it; null when the stack died before it answered. */
  private static ApiClient.Answer place(ApiClient shop, String key, long price) {
    try {
      return shop.post(
          "/api/v1/orders",
          key,
          Orders.mixedBody(
              Orders.CUSTOMER,
              Catalog.PLENTIFUL_SKU,
              1,
              Orders.balance(price - POINTS - CARD),
              Orders.points(POINTS),
              Orders.card(CARD, "tok_ok")));
    } catch (IllegalStateException connectionLost) {
      return null;
    }
  }

  private static String orderIdOf(ApiClient.Answer answer, ApiClient shop, String key, long price) {
    ApiClient.Answer accepted =
        answer != null && answer.status() / 100 == 2 ? answer : place(shop, key, price);
    assertThat(accepted).isNotNull();
    assertThat(accepted.status()).as(String.valueOf(accepted.body())).isIn(200, 201, 202);
    return accepted.body().path("orderId").asText();
  }

  private static String statusOf(ApiClient.Answer answer) {
    return answer.body() == null ? null : answer.body().path("status").asText();
  }

  /**
   * Balance and points moved exactly by the orders, nothing left held; the card legs' captures are
   * checked per order.
   */
  private static void assertChargedOnce(ApiClient operator, Wallet before, int orders, long price) {
    Wallet after = Wallet.of(operator, Orders.CUSTOMER);
    assertThat(after.balanceAvailable())
        .isEqualTo(before.balanceAvailable() - orders * (price - POINTS - CARD));
    assertThat(after.balancePending()).isEqualTo(before.balancePending());
    assertThat(after.pointsAvailable()).isEqualTo(before.pointsAvailable() - orders * POINTS);
    assertThat(after.pointsPending()).isEqualTo(before.pointsPending());
    Wallet.assertLedgerBalanced(operator);
  }

  /** What a crash that takes the guard along leaves: the servers, running. */
  private static void killWithItsGuard(StackProcess stack) throws Exception {
    List<ProcessHandle> children = stack.children();
    for (ProcessHandle child : children) {
      if (child.info().commandLine().orElse("").contains("orders-orphan-guard")) {
        child.destroyForcibly();
        // Gone before the launcher dies, or it would stop the servers as it is meant to.
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    }
    stack.kill();
    assertThat(children.stream().filter(ProcessHandle::isAlive))
        .as("MariaDB and the Temporal server outlive the launcher and its guard")
        .extracting(child -> child.info().commandLine().orElse("?"))
        .hasSize(2);
  }
}
