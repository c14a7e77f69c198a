package org.ordersystem.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ordersystem.activities.PaymentActivitiesImpl;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.activities.ShippingActivitiesImpl;
import org.ordersystem.activities.StockActivitiesImpl;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.IdempotencyKeys;
import org.ordersystem.workflows.activities.PaymentActivities.AuthorizeLegInput;
import org.ordersystem.workflows.activities.PaymentActivities.LegRef;
import org.ordersystem.workflows.activities.ShippingActivities.RegisterShipmentInput;
import org.ordersystem.workflows.activities.StockActivities.ReservationRef;
import org.ordersystem.workflows.activities.StockActivities.ReserveStockInput;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;

/**
 * (c) The baseline without Temporal: the order workflow's calls, in its order and with its
 * idempotency keys, made directly through the same gRPC adapters the activities use, and the same
 * read-model writes (one per step, not per leg), on a pool of threads as large as the workers'
 * activity slots. No durability, no retries, no compensation: what the work costs by itself.
 */
final class BaselineScenario implements Scenario {

  private final ServiceClients clients;
  private final StockActivitiesImpl stock;
  private final PaymentActivitiesImpl payment;
  private final ShippingActivitiesImpl shipping;
  private final HikariDataSource dataSource;
  private final OrderReadModel readModel;
  private final ExecutorService threads;

  BaselineScenario(
      ServiceClients.Targets targets,
      String ordersJdbcUrl,
      String dbUser,
      String dbPassword,
      int threadCount,
      int dbPoolSize) {
    clients = ServiceClients.connect(targets, Duration.ofSeconds(5));
    stock = new StockActivitiesImpl(clients);
    payment = new PaymentActivitiesImpl(clients);
    shipping = new ShippingActivitiesImpl(clients);
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-baseline");
    config.setJdbcUrl(ordersJdbcUrl);
    config.setUsername(dbUser);
    config.setPassword(dbPassword);
    config.setMaximumPoolSize(dbPoolSize);
    // The same driver settings as the system's pools, so the comparison stays fair.
    MysqlDriverSettings.apply(config);
    dataSource = new HikariDataSource(config);
    readModel = new OrderReadModel(dataSource);
    threads = Executors.newFixedThreadPool(threadCount);
  }

  @Override
  public String name() {
    return "baseline";
  }

  @Override
  public void start(String id, OrderTracker tracker) {
    threads.execute(
        () -> {
          try {
            run(new BaselineOrder(id, OrderBodies.customer(id.hashCode())), tracker);
            tracker.completed();
          } catch (RuntimeException e) {
            tracker.failed(e.getClass().getSimpleName());
          }
        });
  }

  private void run(BaselineOrder o, OrderTracker tracker) {
    String id = o.orderId;
    record(o.view());
    stock.reserveStock(new ReserveStockInput(IdempotencyKeys.reserveStock(id), id, o.lines));
    record(o.advanceTo(OrderStep.AUTHORIZE_PAYMENT));
    for (int i = 0; i < o.sources.size(); i++) {
      String legId = BaselineOrder.legId(i);
      payment.authorizeLeg(
          new AuthorizeLegInput(
              IdempotencyKeys.authorizeLeg(id, legId), id, legId, o.customerId, o.sources.get(i)));
      o.leg(i, LegState.AUTHORIZED); // written with the next step, as the order does
    }
    record(o.advanceTo(OrderStep.REGISTER_SHIPPING));
    tracker.accepted();
    var shipment =
        shipping.registerShipment(
            new RegisterShipmentInput(
                IdempotencyKeys.registerShipping(id), id, BaselineOrder.ADDRESS, o.lines));
    record(o.shipped(shipment.trackingNumber()));
    for (int i = o.sources.size() - 1; i >= 0; i--) {
      String legId = BaselineOrder.legId(i);
      payment.captureLeg(new LegRef(IdempotencyKeys.captureLeg(id, legId), id, legId));
      o.leg(i, LegState.CAPTURED); // written with the next step, as the order does
    }
    record(o.advanceTo(OrderStep.COMMIT_STOCK));
    stock.commitStock(new ReservationRef(IdempotencyKeys.commitStock(id), id));
    record(o.complete());
  }

  /** What the workflow's read-model activity does with each view it is handed. */
  private void record(OrderView view) {
    readModel.record(StoredOrder.of(view));
  }

  @Override
  public void close() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(5, TimeUnit.SECONDS);
    clients.close();
    dataSource.close();
  }
}
