package org.ordersystem.workers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import org.ordersystem.activities.PendingOrderUpdates;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.activities.reconciliation.ProviderClient;
import org.ordersystem.activities.reconciliation.ReconciliationActivitiesImpl;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.reconciliation.MismatchStore;
import org.ordersystem.reconciliation.ProviderEventStore;
import org.ordersystem.reconciliation.ReconciliationSchema;
import org.ordersystem.reconciliation.RunStore;
import org.ordersystem.workflows.reconciliation.ReconciliationLoopWorkflowImpl;
import org.ordersystem.workflows.reconciliation.ReconciliationWorkflowImpl;

/**
 * Payment reconciliation on the order workers' task queue: its workflows and activities, its
 * database, the provider's channel, and its schedule. Its notifications go through the workers'
 * NotificationActivities. Closing releases the channel and the pool.
 */
final class ReconciliationWorker implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final ProviderClient provider;

  private ReconciliationWorker(HikariDataSource dataSource, ProviderClient provider) {
    this.dataSource = dataSource;
    this.provider = provider;
  }

  /** Registers on {@code worker}; call before the factory starts. */
  static ReconciliationWorker register(
      Worker worker,
      WorkflowClient client,
      ServiceClients services,
      OrderReadModel readModel,
      PendingOrderUpdates orderUpdates,
      WorkerConfig workerConfig,
      ReconciliationConfig config,
      MeterRegistry metrics) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("reconciliation");
    hikari.setJdbcUrl(config.dbUrl());
    hikari.setUsername(workerConfig.dbUser());
    hikari.setPassword(workerConfig.dbPassword());
    hikari.setMaximumPoolSize(4);
    MysqlDriverSettings.apply(hikari);
    HikariDataSource dataSource = new HikariDataSource(hikari);
    ProviderClient provider =
        ProviderClient.connect(config.pspTarget(), Duration.ofSeconds(10), metrics);
    try {
      ReconciliationSchema.migrate(dataSource);
      Clock clock = Clock.systemUTC();
      worker.registerWorkflowImplementationTypes(
          ReconciliationWorkflowImpl.class, ReconciliationLoopWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new ReconciliationActivitiesImpl(
              provider,
              services::payment,
              new ProviderEventStore(dataSource, clock),
              new MismatchStore(dataSource),
              new RunStore(dataSource),
              readModel,
              client,
              orderUpdates,
              clock));
    } catch (RuntimeException e) {
      dataSource.close();
      closeQuietly(provider);
      throw e;
    }
    return new ReconciliationWorker(dataSource, provider);
  }

  /** Schedules runs once the workers poll; a run started before would wait for them anyway. */
  static void schedule(WorkflowClient client, ReconciliationConfig config) {
    if (config.enabled()) {
      ReconciliationScheduling.ensure(client, config.settings());
    }
  }

  @Override
  public void close() throws InterruptedException {
    provider.close();
    dataSource.close();
  }

  private static void closeQuietly(ProviderClient provider) {
    try {
      provider.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
