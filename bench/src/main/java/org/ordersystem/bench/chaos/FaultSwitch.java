package org.ordersystem.bench.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ordersystem.bench.chaos.ShopClient.GaveUp;

/**
 * Sets the faults of a phase through the dev fault API, and sets them again after the services were
 * restarted (a fresh process starts healthy). Counts every fault it switched on, per service and
 * field.
 *
 * <p>Outages and commit-then-timeout stop every call of a service, the API's own reads included (it
 * reads prices from stock before it starts an order): kept for a whole phase they would stop the
 * phase itself, every shopper waiting on a 503. They last {@link #BLACKOUT} from the start of the
 * phase; the phase's other faults stay to its end.
 */
final class FaultSwitch {

  /** How long outages and commit-then-timeout last, from the start of their phase. */
  static final Duration BLACKOUT = Duration.ofSeconds(10);

  private static final Set<String> BLACKOUT_FIELDS = Set.of("outage", "commitThenTimeout");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShopClient client;
  private final Map<String, Long> injected = new TreeMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "blackout-timer");
            t.setDaemon(true);
            return t;
          });
  private Phase current;
  private boolean blackoutOver;

  FaultSwitch(ShopClient client) {
    this.client = client;
  }

  /** Faults of {@code phase} in every service it names; every other service healthy. */
  synchronized void enter(Phase phase) throws GaveUp {
    current = phase;
    blackoutOver = false;
    apply();
    timer.schedule(() -> endBlackout(phase), BLACKOUT.toMillis(), TimeUnit.MILLISECONDS);
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

  private synchronized void endBlackout(Phase phase) {
    if (current != phase) {
      return;
    }
    blackoutOver = true;
    try {
      apply();
    } catch (GaveUp | RuntimeException e) {
      System.err.println("could not end the blackout of a phase: " + e);
    }
  }

  private void apply() throws GaveUp {
    for (String service : ChaosPlan.SERVICES) {
      String body = current.faults().get(service);
      if (body != null && blackoutOver) {
        body = withoutBlackout(body);
      }
      expectOk(
          body == null
              ? client.operator("DELETE", "/api/v1/dev/faults/" + service, null)
              : client.operator("PUT", "/api/v1/dev/faults/" + service, body),
          service);
    }
  }

  /** The faults of a body less outage and commit-then-timeout; null when none is left. */
  private static String withoutBlackout(String body) {
    try {
      ObjectNode faults = (ObjectNode) JSON.readTree(body);
      faults.remove(BLACKOUT_FIELDS);
      return faults.isEmpty() ? null : faults.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(body, e);
    }
  }

  private static void expectOk(ShopClient.Answer answer, String service) {
    if (!answer.ok()) {
      throw new IllegalStateException(
          "the fault API refused faults of " + service + ": " + answer.status() + answer.body());
    }
  }
}
