package org.ordersystem.api.slo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Records the events of every {@link Slo} and computes budgets and burn rates from them, as of the
 * clock's now.
 */
public class SloEvaluator {

  private final SloProperties properties;
  private final Clock clock;
  private final Map<Slo, SliEventStore> stores = new EnumMap<>(Slo.class);

  public SloEvaluator(SloProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    for (Slo slo : Slo.values()) {
      stores.put(slo, new SliEventStore(properties.bucket(), properties.budgetPeriod()));
    }
  }

  /** One event of {@code slo}, now. */
  public void record(Slo slo, boolean good) {
    stores.get(slo).record(clock.instant(), good);
  }

  /** Every objective, in the order of {@link Slo}. */
  public List<SloStatus> evaluate() {
    List<SloStatus> statuses = new ArrayList<>();
    for (Slo slo : Slo.values()) {
      statuses.add(evaluate(slo));
    }
    return statuses;
  }

  SloStatus evaluate(Slo slo) {
    SliEventStore store = stores.get(slo);
    double objective = objective(slo);
    var now = clock.instant();
    List<SloStatus.AlertStatus> alerts = new ArrayList<>();
    SloProperties.Severity firing = null;
    for (SloProperties.NamedAlert alert : properties.alerts()) {
      SloProperties.Alert windows = alert.windows();
      double longBurn = BurnRates.burnRate(store.window(now, windows.longWindow()), objective);
      double shortBurn = BurnRates.burnRate(store.window(now, windows.shortWindow()), objective);
      boolean fires = BurnRates.fires(longBurn, shortBurn, windows.burnRate());
      if (fires && (firing == null || alert.severity() == SloProperties.Severity.PAGE)) {
        firing = alert.severity();
      }
      alerts.add(
          new SloStatus.AlertStatus(
              slo.alertName(alert.severity()),
              alert.name(),
              alert.severity(),
              windows.burnRate(),
              windows.longWindow(),
              longBurn,
              windows.shortWindow(),
              shortBurn,
              fires));
    }
    SliEventStore.Counts period = store.window(now, properties.budgetPeriod());
    return new SloStatus(
        slo.id(),
        slo.description(),
        objective,
        properties.budgetPeriod(),
        BurnRates.budgetLeft(period, objective),
        period.good(),
        period.bad(),
        alerts,
        firing);
  }

  private double objective(Slo slo) {
    return switch (slo) {
      case ORDER_ACCEPTANCE -> properties.acceptanceObjective();
      case ORDER_COMPLETION -> properties.completionObjective();
    };
  }
}
