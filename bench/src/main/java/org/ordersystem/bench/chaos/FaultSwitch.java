package org.ordersystem.bench.chaos;

import java.util.Map;
import java.util.TreeMap;
import org.ordersystem.bench.chaos.ShopClient.GaveUp;

/**
 * Sets the faults of a phase through the dev fault API, and sets them again after the services were
 * restarted (a fresh process starts healthy). Counts every fault it switched on, per service and
 * field.
 */
final class FaultSwitch {

  private final ShopClient client;
  private final Map<String, Long> injected = new TreeMap<>();
  private Phase current;

  FaultSwitch(ShopClient client) {
    this.client = client;
  }

  /** Faults of {@code phase} in every service it names; every other service healthy. */
  synchronized void enter(Phase phase) throws GaveUp {
    current = phase;
    apply();
    phase
        .faults()
        .forEach(
            (service, body) -> {
              for (String field : body.replaceAll("[{}\"]", "").split(",")) {
                injected.merge(service + "." + field.split(":")[0], 1L, Long::sum);
              }
            });
  }

  /** The current phase's faults again, in a restarted services process. */
  synchronized void reapply() throws GaveUp {
    if (current != null) {
      apply();
    }
  }

  /** Every service healthy. */
  synchronized void clear() throws GaveUp {
    current = null;
    for (String service : ChaosPlan.SERVICES) {
      expectOk(client.operator("DELETE", "/api/v1/dev/faults/" + service, null), service);
    }
  }

  synchronized Map<String, Long> injected() {
    return new TreeMap<>(injected);
  }

  private void apply() throws GaveUp {
    for (String service : ChaosPlan.SERVICES) {
      String body = current.faults().get(service);
      expectOk(
          body == null
              ? client.operator("DELETE", "/api/v1/dev/faults/" + service, null)
              : client.operator("PUT", "/api/v1/dev/faults/" + service, body),
          service);
    }
  }

  private static void expectOk(ShopClient.Answer answer, String service) {
    if (!answer.ok()) {
      throw new IllegalStateException(
          "the fault API refused faults of " + service + ": " + answer.status() + answer.body());
    }
  }
}
