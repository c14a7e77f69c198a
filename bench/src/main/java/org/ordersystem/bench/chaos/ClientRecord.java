package org.ordersystem.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the chaos client saw, written by the shoppers from many threads: the orders it got accepted
 * (the API answered with an order id), the refunds it got accepted, outcome counts, and what it saw
 * go wrong on its side (several orders for one Idempotency-Key).
 */
final class ClientRecord {

  /** An order the API answered with an id (201 or 202), whatever its status then. */
  record Accepted(int index, OrderShape shape, String orderId, String statusAtAcceptance) {}

  private final Map<Integer, Accepted> accepted = new ConcurrentSkipListMap<>();
  private final Map<String, String> refundsAccepted = new ConcurrentHashMap<>();
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final List<String> violations = new ArrayList<>();

  void accepted(Accepted order) {
    accepted.put(order.index(), order);
  }

  /** The refund the API accepted for {@code orderId}, with its id. */
  void refundAccepted(String orderId, String refundId) {
    refundsAccepted.put(orderId, refundId);
  }

  void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  synchronized void violation(String what) {
    violations.add(what);
  }

  List<Accepted> accepted() {
    return List.copyOf(accepted.values());
  }

  Map<String, String> refundsAccepted() {
    return Map.copyOf(refundsAccepted);
  }

  Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }
}
