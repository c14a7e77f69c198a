package org.ordersystem.workers;

import com.uber.m3.tally.Scope;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.ordersystem.activities.NotificationActivitiesImpl;
import org.ordersystem.activities.OrderReadModelActivitiesImpl;
import org.ordersystem.activities.PaymentActivitiesImpl;
import org.ordersystem.activities.PendingOrderUpdates;
import org.ordersystem.activities.RecoveryActivitiesImpl;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.activities.ShippingActivitiesImpl;
import org.ordersystem.activities.StockActivitiesImpl;
import org.ordersystem.metrics.TemporalMetrics;
import org.ordersystem.mysqlpool.MysqlDriverSettings;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.ReadModelSchema;
import org.ordersystem.readmodel.RecoveryReadModel;
import org.ordersystem.readmodel.RefundReadModel;
import org.ordersystem.tracing.Tracing;
import org.ordersystem.workflows.OrderWorkflow;
import org.ordersystem.workflows.OrderWorkflowImpl;
import org.ordersystem.workflows.OrderWorkflowSettings;
import org.ordersystem.workflows.RefundWorkflowImpl;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.recovery.RecoverySweepLoopWorkflowImpl;
import org.ordersystem.workflows.recovery.RecoverySweepWorkflowImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order workers: the order, refund and recovery sweep workflows and their activities, polling
 * the orders task queue.
 */
public final class OrderWorkers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OrderWorkers.class);
  private static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The {@code service.name} of the workers' spans. */
  public static final String SERVICE_NAME = "orders-workers";

  private static final int PURCHASE_STEPS = OrderStep.values().length - 1; // all but COMPLETED

  private final Tracing tracing;
  private final HikariDataSource dataSource;
  private final ServiceClients clients;
  private final WorkflowServiceStubs stubs;
  private final Scope metricsScope;
  private final WorkerFactory factory;
  private final ReconciliationWorker reconciliation;

  private OrderWorkers(
      Tracing tracing,
      HikariDataSource dataSource,
      ServiceClients clients,
      WorkflowServiceStubs stubs,
      Scope metricsScope,
      WorkerFactory factory,
      ReconciliationWorker reconciliation) {
    this.tracing = tracing;
    this.dataSource = dataSource;
    this.clients = clients;
    this.stubs = stubs;
    this.metricsScope = metricsScope;
    this.factory = factory;
    this.reconciliation = reconciliation;
  }

  /** Starts with the tuning of the process's environment ({@link WorkerTuning#fromEnv}). */
  public static OrderWorkers start(WorkerConfig config, ReconciliationConfig reconciliationConfig) {
    return start(config, reconciliationConfig, WorkerTuning.fromEnv(System.getenv()));
  }

  /**
   * Migrates the read model, connects to Temporal and the services, registers the search
   * attributes, starts polling with {@code tuning}, and makes sure the periodic recovery sweep and
   * payment reconciliation run.
   */
  public static OrderWorkers start(
      WorkerConfig config, ReconciliationConfig reconciliationConfig, WorkerTuning tuning) {
    // A composite with no registry in it: the meters go nowhere.
    return start(config, reconciliationConfig, tuning, new CompositeMeterRegistry());
  }

  /**
   * As {@link #start(WorkerConfig, ReconciliationConfig, WorkerTuning)}, reporting the Temporal
   * SDK's worker and client metrics and the services' call latency and errors to {@code metrics}.
   */
  public static OrderWorkers start(
      WorkerConfig config,
      ReconciliationConfig reconciliationConfig,
      WorkerTuning tuning,
      MeterRegistry metrics) {
    Tracing tracing = Tracing.start(SERVICE_NAME);
    WorkerTracing temporalTracing = new WorkerTracing(tracing.openTelemetry());
    HikariDataSource dataSource = dataSource(config, tuning.readModelPool());
    ReadModelSchema.migrate(dataSource);
    DataSource readModelDb = tracing.jdbc(dataSource);
    ServiceClients clients =
        ServiceClients.connect(
            config.services(), config.callDeadline(), metrics, tracing.grpcClient());
    Scope metricsScope = TemporalMetrics.scope(metrics);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.temporalTarget())
                .setMetricsScope(metricsScope)
                .build());
    if (!config.payloadEncryption().enabled()) {
      log.warn(
          "Temporal payloads (addresses, card tokens) are stored in plain text:"
              + " set ORDERS_PAYLOAD_KEYS or ORDERS_PAYLOAD_KEYS_FILE to encrypt them");
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(config.namespace())
                .setDataConverter(config.payloadEncryption().dataConverter())
                .setInterceptors(temporalTracing.client())
                .build());
    // Before polling: an order workflow that upserts an unknown attribute cannot make progress.
    SearchAttributeRegistration.ensure(stubs, config.namespace());
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder(tuning.factoryOptions())
                .setWorkerInterceptors(temporalTracing.worker())
                .build());
    Worker worker = factory.newWorker(OrderWorkflow.TASK_QUEUE, tuning.workerOptions());
    OrderWorkflowSettings settings = new OrderWorkflowSettings(config.stepRetryBudget());
    worker.registerWorkflowImplementationFactory(
        OrderWorkflow.class, () -> new OrderWorkflowImpl(settings));
    worker.registerWorkflowImplementationTypes(
        RefundWorkflowImpl.class,
        RecoverySweepWorkflowImpl.class,
        RecoverySweepLoopWorkflowImpl.class);
    PendingOrderUpdates orderUpdates =
        new PendingOrderUpdates(client, settleTimeout(config.stepRetryBudget()));
    worker.registerActivitiesImplementations(
        new StockActivitiesImpl(clients),
        new PaymentActivitiesImpl(clients),
        new ShippingActivitiesImpl(clients),
        new OrderReadModelActivitiesImpl(
            new OrderReadModel(readModelDb), new RefundReadModel(readModelDb)),
        new RecoveryActivitiesImpl(client, new RecoveryReadModel(readModelDb), orderUpdates),
        new NotificationActivitiesImpl(
            config.notifyWebhook(),
            HttpClient.newBuilder().connectTimeout(WEBHOOK_CONNECT_TIMEOUT).build()));
    ReconciliationWorker reconciliation =
        ReconciliationWorker.register(
            worker,
            client,
            clients,
            new OrderReadModel(readModelDb),
            orderUpdates,
            config,
            reconciliationConfig,
            metrics);
    factory.start();
    log.info(
        "Order workers polling task queue '{}' on {} (namespace {}, {})",
        OrderWorkflow.TASK_QUEUE,
        config.temporalTarget(),
        config.namespace(),
        tuning);
    OrderWorkers workers =
        new OrderWorkers(
            tracing, dataSource, clients, stubs, metricsScope, factory, reconciliation);
    try {
      RecoveryScheduling.ensure(client, config.recovery(), config.recoveryScheduler());
      ReconciliationWorker.schedule(client, reconciliationConfig);
    } catch (RuntimeException e) {
      workers.closeQuietly();
      throw e;
    }
    if (config.notifyWebhook() == null) {
      log.warn(
          "No {}: notifications of PENDING orders and sweeps are only logged",
          RecoveryEnv.NOTIFY_WEBHOOK_URL);
    }
    return workers;
  }

  /**
   * How long a recovery waits for its order to settle before the attempt gives up (and the next
   * attempt waits for the same update): a retry settles once the order is final or PENDING again,
   * at worst after every remaining step used most of its budget.
   */
  static Duration settleTimeout(Duration stepRetryBudget) {
    return stepRetryBudget.multipliedBy(PURCHASE_STEPS).plus(Duration.ofMinutes(1));
  }

  private static HikariDataSource dataSource(WorkerConfig config, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("orders-readmodel");
    hikari.setJdbcUrl(config.ordersDbUrl());
    hikari.setUsername(config.dbUser());
    hikari.setPassword(config.dbPassword());
    hikari.setMaximumPoolSize(poolSize);
    MysqlDriverSettings.apply(hikari);
    return new HikariDataSource(hikari);
  }

  private void closeScope() {
    try {
      metricsScope.close();
    } catch (Exception e) {
      log.warn("Could not close the Temporal metrics scope", e);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets running tasks finish, then releases connections. */
  @Override
  public void close() throws InterruptedException {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    // Its last report, and its reporting thread (not a daemon) ends.
    closeScope();
    reconciliation.close();
    clients.close();
    dataSource.close();
    tracing.close();
  }
}
