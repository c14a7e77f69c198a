package org.ordersystem.workers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.ordersystem.activities.OrderReadModelActivitiesImpl;
import org.ordersystem.activities.PaymentActivitiesImpl;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.activities.ShippingActivitiesImpl;
import org.ordersystem.activities.StockActivitiesImpl;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelSchema;
import org.ordersystem.readmodel.RefundReadModel;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.OrderWorkflowImpl;
import org.ordersystem.workflows.OrderWorkflowSettings;
import org.ordersystem.workflows.RefundWorkflowImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The order workers: workflows and activities polling the orders task queue. */
public final class OrderWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrderWorkers.class);

  private final HikariDataSource dataSource;
  private final ServiceClients clients;
  private final WorkflowServiceStubs stubs;
  private final WorkerFactory factory;
  private final ReconciliationWorker reconciliation;

  private OrderWorkers(
      HikariDataSource dataSource,
      ServiceClients clients,
      WorkflowServiceStubs stubs,
      WorkerFactory factory,
      ReconciliationWorker reconciliation) {
    this.dataSource = dataSource;
    this.clients = clients;
    this.stubs = stubs;
    this.factory = factory;
    this.reconciliation = reconciliation;
  }

  /**
   * Migrates the read model, connects to Temporal and the services, and starts polling; payment
   * reconciliation runs on the same task queue.
   */
  public static OrderWorkers start(WorkerConfig config, ReconciliationConfig reconciliationConfig) {
    HikariDataSource dataSource = dataSource(config);
    ReadModelSchema.migrate(dataSource);
    ServiceClients clients = ServiceClients.connect(config.services(), config.callDeadline());
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalTarget()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(OrderWorkflow.TASK_QUEUE);
    OrderWorkflowSettings settings = new OrderWorkflowSettings(config.stepRetryBudget());
    worker.registerWorkflowImplementationFactory(
        OrderWorkflow.class, () -> new OrderWorkflowImpl(settings));
    worker.registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new StockActivitiesImpl(clients),
        new PaymentActivitiesImpl(clients),
        new ShippingActivitiesImpl(clients),
        new OrderReadModelActivitiesImpl(
            new OrderReadModel(dataSource), new RefundReadModel(dataSource)));
    ReconciliationWorker reconciliation =
        ReconciliationWorker.register(
            worker, client, clients, new OrderReadModel(dataSource), config, reconciliationConfig);
    factory.start();
    ReconciliationWorker.schedule(client, reconciliationConfig);
    log.info(
        "Order workers polling task queue '{}' on {} (namespace {})",
        OrderWorkflow.TASK_QUEUE,
        config.temporalTarget(),
        config.namespace());
    return new OrderWorkers(dataSource, clients, stubs, factory, reconciliation);
  }

  private static HikariDataSource dataSource(WorkerConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("orders-readmodel");
    hikari.setJdbcUrl(config.ordersDbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    hikari.setMaximumPoolSize(10);
    return new HikariDataSource(hikari);
  }

  /** Lets running tasks finish, then releases connections. */
  @Override
  public void close() throws InterruptedException {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    reconciliation.close();
    clients.close();
    dataSource.close();
  }
}
