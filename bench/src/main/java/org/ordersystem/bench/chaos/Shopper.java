package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.ordersystem.bench.chaos.ShopClient.Answer;
import org.ordersystem.bench.chaos.ShopClient.GaveUp;

/** Plays one order of the plan through the REST API, as its shape says, into the record. */
final class Shopper {

  /** How many identical placements a DUPLICATE sends at once. */
  static final int DUPLICATES = 3;

  private static final Set<String> REFUNDABLE = Set.of("COMPLETED", "PARTIALLY_REFUNDED");

  private final ShopClient client;
  private final ClientRecord record;
  private final ExecutorService duplicates;
  private final Duration completionWait;

  Shopper(
      ShopClient client, ClientRecord record, ExecutorService duplicates, Duration completionWait) {
    this.client = client;
    this.record = record;
    this.duplicates = duplicates;
    this.completionWait = completionWait;
  }

  void play(ChaosOrder order) {
    try {
      JsonNode placed = place(order);
      if (placed == null) {
        return;
      }
      String orderId = placed.path("orderId").asText();
      record.accepted(
          new ClientRecord.Accepted(
              order.index(), order.shape(), orderId, placed.path("status").asText()));
      switch (order.shape()) {
        case CANCEL -> cancel(orderId);
        case REFUND_LINES, REFUND_AMOUNT -> refund(order, orderId);
        default -> {}
      }
    } catch (GaveUp e) {
      record.count("gave-up");
      System.err.println("order " + order.index() + ": " + e.getMessage());
    }
  }

  /** The accepted order's body, or null when the placement was refused (counted). */
  private JsonNode place(ChaosOrder order) throws GaveUp {
    List<Answer> answers = new ArrayList<>();
    if (order.shape() == OrderShape.DUPLICATE) {
      List<CompletableFuture<Answer>> sent = new ArrayList<>();
      for (int i = 0; i < DUPLICATES; i++) {
        sent.add(CompletableFuture.supplyAsync(() -> placeOnce(order), duplicates));
      }
      for (CompletableFuture<Answer> answer : sent) {
        answers.add(answer.join());
      }
    } else {
      answers.add(placeOnce(order));
    }
    Set<String> ids = new TreeSet<>();
    Answer accepted = null;
    for (Answer a : answers) {
      if (a == null) {
        continue;
      }
      if (a.ok() && a.body().hasNonNull("orderId")) {
        ids.add(a.body().path("orderId").asText());
        accepted = a;
      } else {
        record.count("placement-" + a.status());
      }
    }
    if (ids.size() > 1) {
      record.violation(
          "Idempotency-Key " + order.idempotencyKey() + " answered several orders: " + ids);
    }
    if (accepted == null) {
      if (answers.contains(null)) {
        throw new GaveUp("POST /api/v1/orders " + order.idempotencyKey(), -1, null);
      }
      return null;
    }
    return accepted.body();
  }

  /** One placement with its retries; null when it gave up (so duplicates can wait for all). */
  private Answer placeOnce(ChaosOrder order) {
    try {
      return client.post("/api/v1/orders", order.idempotencyKey(), order.body());
    } catch (GaveUp e) {
      return null;
    }
  }

  private void cancel(String orderId) throws GaveUp {
    Answer a = client.post("/api/v1/orders/" + orderId + "/cancel", null, "{\"reason\":\"chaos\"}");
    // 409: capture had begun, the order goes on to COMPLETED; both are right answers.
    record.count(a.ok() ? "cancel-accepted" : "cancel-" + a.status());
  }

  private void refund(ChaosOrder order, String orderId) throws GaveUp {
    if (!awaitRefundable(orderId)) {
      record.count("refund-skipped-not-completed");
      return;
    }
    Answer a =
        client.post(
            "/api/v1/orders/" + orderId + "/refunds",
            order.idempotencyKey() + "-refund",
            order.refundBody());
    if (a.ok()) {
      record.refundAccepted(orderId, a.body().path("refundId").asText());
      record.count("refund-accepted");
    } else {
      record.count("refund-" + a.status());
    }
  }

  /** Polls the order until it can be refunded, for at most completionWait. */
  private boolean awaitRefundable(String orderId) throws GaveUp {
    long deadline = System.nanoTime() + completionWait.toNanos();
    while (System.nanoTime() < deadline) {
      Answer a = client.get("/api/v1/orders/" + orderId);
      String status = a.body().path("status").asText();
      if (REFUNDABLE.contains(status)) {
        return true;
      }
      if (!status.equals("CREATING") && a.ok()) {
        return false;
      }
      ShopClient.sleep(500);
    }
    return false;
  }
}
