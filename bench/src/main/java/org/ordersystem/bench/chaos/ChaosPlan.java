package org.ordersystem.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The orders and the fault schedule of a run, both derived from the seed alone: the same seed and
 * sizes give the same orders, the same phases and the same kills, whatever the machine's speed.
 * Faults are tied to order indexes (phases), never to the wall clock.
 */
public final class ChaosPlan {

  /** The services whose faults the dev fault API sets. */
  static final List<String> SERVICES = List.of("stock", "shipping", "payment", "psp");

  /** The parts killed with kill -9 and started again; MariaDB stays up (it is the records). */
  static final List<String> KILLABLE = List.of("workers", "api", "services", "temporal");

  private static final String[][] CATALOG = {
    {"TSHIRT-M", "2500"}, {"TSHIRT-L", "2500"}, {"MUG-BLUE", "1200"},
    {"TOTE-CANVAS", "1800"}, {"STICKER-PACK", "500"}, {"HOODIE-GREY", "6800"}
  };
  private static final int CUSTOMERS = 5;
  private static final String ADDRESS =
      "{\"name\":\"Chaos Buyer\",\"postalCode\":\"100-0001\",\"region\":\"Tokyo\","
          + "\"line1\":\"1-1 Chiyoda\",\"country\":\"JP\"}";

  private final List<ChaosOrder> orders;
  private final List<Phase> phases;

  private ChaosPlan(List<ChaosOrder> orders, List<Phase> phases) {
    this.orders = orders;
    this.phases = phases;
  }

  /**
   * The plan of {@code count} orders: phases of {@code phaseOrders} orders, the first healthy, and
   * a kill in every {@code killEvery}-th phase from the second on.
   */
  public static ChaosPlan of(long seed, int count, int phaseOrders, int killEvery) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ChaosOrder> orders = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      orders.add(order(seed, i, random));
    }
    return new ChaosPlan(orders, phases(random, count, phaseOrders, killEvery));
  }

  public List<ChaosOrder> orders() {
    return orders;
  }

  public List<Phase> phases() {
    return phases;
  }

  /** A short digest of every order and phase: two runs with the same seed print the same. */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (ChaosOrder o : orders) {
        sha.update(o.toString().getBytes(StandardCharsets.UTF_8));
      }
      for (Phase p : phases) {
        sha.update(p.toString().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChaosOrder order(long seed, int index, SplittableRandom random) {
    OrderShape shape = shape(random);
    String customer = "cust-00" + (1 + random.nextInt(CUSTOMERS));
    List<String[]> lines = new ArrayList<>();
    switch (shape) {
      case POINTS -> lines.add(new String[] {"STICKER-PACK", "500", "" + (1 + random.nextInt(2))});
      case OUT_OF_STOCK -> lines.add(new String[] {"LIMITED-VINYL", "4500", "999"});
      default -> {
        int first = random.nextInt(CATALOG.length);
        // A line refund takes back one unit and leaves the order partly sold: two at least.
        int firstQuantity = (shape == OrderShape.REFUND_LINES ? 2 : 1) + random.nextInt(2);
        lines.add(new String[] {CATALOG[first][0], CATALOG[first][1], "" + firstQuantity});
        if (random.nextBoolean()) {
          int second = (first + 1 + random.nextInt(CATALOG.length - 1)) % CATALOG.length;
          lines.add(new String[] {CATALOG[second][0], CATALOG[second][1], "1"});
        }
      }
    }
    long total = 0;
    StringBuilder lineJson = new StringBuilder();
    for (String[] line : lines) {
      total += Long.parseLong(line[1]) * Long.parseLong(line[2]);
      lineJson.append(lineJson.isEmpty() ? "" : ",");
      lineJson.append("{\"sku\":\"%s\",\"quantity\":%s}".formatted(line[0], line[2]));
    }
    String body =
        "{\"customerId\":\"%s\",\"lines\":[%s],\"shippingAddress\":%s,\"payment\":{\"sources\":[%s]}}"
            .formatted(customer, lineJson, ADDRESS, sources(shape, total));
    String refund =
        switch (shape) {
          case REFUND_LINES ->
              "{\"lines\":[{\"sku\":\"%s\",\"quantity\":1}],\"reason\":\"chaos\"}"
                  .formatted(lines.get(0)[0]);
          case REFUND_AMOUNT ->
              "{\"amount\":%d,\"reason\":\"chaos\"}"
                  .formatted(Math.min(total - 1, 100L * (1 + random.nextInt(5))));
          default -> null;
        };
    return new ChaosOrder(index, shape, "chaos-" + seed + "-" + index, body, refund);
  }

  private static OrderShape shape(SplittableRandom random) {
    int sum = 0;
    for (OrderShape s : OrderShape.values()) {
      sum += s.weight;
    }
    int draw = random.nextInt(sum);
    for (OrderShape s : OrderShape.values()) {
      draw -= s.weight;
      if (draw < 0) {
        return s;
      }
    }
    throw new AssertionError();
  }

  private static String sources(OrderShape shape, long total) {
    long card = total / 3;
    return switch (shape) {
      case BALANCE, OUT_OF_STOCK, DUPLICATE -> source("BALANCE", total, null);
      case POINTS -> source("POINTS", total, null);
      case CARD -> source("CARD", total, "tok_ok");
      case MULTI_LEG, CANCEL, REFUND_LINES ->
          source("BALANCE", total - 100 - card, null)
              + ","
              + source("POINTS", 100, null)
              + ","
              + source("CARD", card, "tok_ok");
      case DECLINED_CARD ->
          source("BALANCE", total - card, null) + "," + source("CARD", card, "tok_declined");
      case REFUND_AMOUNT ->
          source("BALANCE", total - card, null) + "," + source("CARD", card, "tok_ok");
    };
  }

  private static String source(String type, long amount, String token) {
    return token == null
        ? "{\"type\":\"%s\",\"amount\":%d}".formatted(type, amount)
        : "{\"type\":\"%s\",\"amount\":%d,\"cardToken\":\"%s\"}".formatted(type, amount, token);
  }

  /**
   * Faults are dealt from a deck holding every (service, fault) pair once, two per phase, so a run
   * of a dozen phases covers them all; kills are dealt the same way from the killable parts.
   */
  private static List<Phase> phases(
      SplittableRandom random, int count, int phaseOrders, int killEvery) {
    List<String[]> faultDeck = new ArrayList<>();
    List<String> killDeck = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    for (int from = 0, n = 0; from < count; from += phaseOrders, n++) {
      int to = Math.min(count, from + phaseOrders);
      if (n == 0) {
        // A healthy start: the stack warms up and the first orders show the happy path works.
        phases.add(new Phase(from, to, Map.of(), Optional.empty()));
        continue;
      }
      Map<String, Map<String, String>> fields = new TreeMap<>();
      for (int k = 0; k < 2; k++) {
        String[] fault = deal(faultDeck, ChaosPlan::allFaults, random);
        fields.computeIfAbsent(fault[0], s -> new TreeMap<>()).putAll(fieldsOf(fault[1]));
      }
      Map<String, String> bodies = new LinkedHashMap<>();
      fields.forEach((service, f) -> bodies.put(service, json(f)));
      Optional<String> kill =
          (n - 1) % killEvery == 0
              ? Optional.of(deal(killDeck, () -> new ArrayList<>(KILLABLE), random))
              : Optional.empty();
      phases.add(new Phase(from, to, bodies, kill));
    }
    return phases;
  }

  private static List<String[]> allFaults() {
    List<String[]> all = new ArrayList<>();
    for (String service : SERVICES) {
      for (String fault : List.of("errorRate", "latency", "outage", "commitThenTimeout")) {
        all.add(new String[] {service, fault});
      }
    }
    all.add(new String[] {"psp", "events"});
    return all;
  }

  private static Map<String, String> fieldsOf(String fault) {
    return switch (fault) {
      case "errorRate" -> Map.of("errorRate", "0.3");
      case "latency" -> Map.of("latencyMs", "400");
      case "outage" -> Map.of("outage", "true");
      case "commitThenTimeout" -> Map.of("commitThenTimeout", "true");
      case "events" -> Map.of("duplicateEvents", "true", "reorderEvents", "true");
      default -> throw new IllegalArgumentException(fault);
    };
  }

  private static String json(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
    return json.append('}').toString();
  }

  /** The top card of the deck, refilled from {@code fresh} and shuffled when empty. */
  private static <T> T deal(
      List<T> deck, java.util.function.Supplier<List<T>> fresh, SplittableRandom random) {
    if (deck.isEmpty()) {
      deck.addAll(fresh.get());
      for (int i = deck.size() - 1; i > 0; i--) {
        T swap = deck.get(i);
        int j = random.nextInt(i + 1);
        deck.set(i, deck.get(j));
        deck.set(j, swap);
      }
    }
    return deck.remove(deck.size() - 1);
  }
}
