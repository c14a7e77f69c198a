package org.ordersystem.api.slo;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns page-level burns into incidents, each reported once when it starts and once when it stops:
 * the first report when an objective starts paging, the resolved notice when none of its page-level
 * alerts fires any more. A delivery that fails is tried again at the next evaluation, under the
 * same notification id; an incident whose first report never got through ends without a resolved
 * notice, since nobody was told it began.
 */
public class BurnIncidents {

  /** An open incident of one objective. */
  record Incident(String id, Instant since, boolean reported) {}

  private static final Logger log = LoggerFactory.getLogger(BurnIncidents.class);

  private final Map<Slo, Incident> open = new EnumMap<>(Slo.class);
  private final IncidentReports reports;
  private final WebhookPoster.Delivery delivery;
  private final Clock clock;

  public BurnIncidents(IncidentReports reports, WebhookPoster.Delivery delivery, Clock clock) {
    this.reports = reports;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** Acts on one evaluation of every objective. */
  public synchronized void update(List<SloStatus> statuses) {
    for (SloStatus status : statuses) {
      Slo slo = sloOf(status);
      Incident incident = open.get(slo);
      if (status.pages()) {
        if (incident == null) {
          Instant since = clock.instant();
          incident = new Incident("slo-" + slo.id() + "-" + since.toEpochMilli(), since, false);
          log.warn("SLO {} is burning its error budget at page level", slo.id());
        }
        if (!incident.reported()) {
          String notificationId = incident.id() + "-burn";
          boolean delivered =
              delivery.deliver(
                  notificationId,
                  reports.firstReport(notificationId, slo, status, incident.since()));
          incident = new Incident(incident.id(), incident.since(), delivered);
        }
        open.put(slo, incident);
      } else if (incident != null) {
        if (!incident.reported()) {
          open.remove(slo);
          continue;
        }
        String notificationId = incident.id() + "-resolved";
        if (delivery.deliver(
            notificationId, reports.resolved(notificationId, slo, status, incident.since()))) {
          log.info("SLO {} stopped burning at page level", slo.id());
          open.remove(slo);
        }
      }
    }
  }

  /** The open incidents, for the ops endpoint. */
  public synchronized Map<Slo, Incident> open() {
    return Map.copyOf(open);
  }

  private static Slo sloOf(SloStatus status) {
    for (Slo slo : Slo.values()) {
      if (slo.id().equals(status.slo())) {
        return slo;
      }
    }
    throw new IllegalArgumentException("unknown SLO " + status.slo());
  }
}
