package org.ordersystem.launcher;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ordersystem.activities.ServiceClients;
import org.ordersystem.api.ApiApplication;
import org.ordersystem.embeddeddb.EmbeddedMariaDb;
import org.ordersystem.payloadcodec.PayloadEncryption;
import org.ordersystem.payloadcodec.PayloadKeys;
import org.ordersystem.reconciliation.ReconciliationSchema;
import org.ordersystem.services.ReferenceServices;
import org.ordersystem.services.ServicesConfig;
import org.ordersystem.workers.JdbcUrls;
import org.ordersystem.workers.OrderWorkers;
import org.ordersystem.workers.ReconciliationConfig;
import org.ordersystem.workers.WorkerConfig;
import org.ordersystem.workers.WorkerTuning;
import org.ordersystem.workflows.recovery.RecoverySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The whole system in one JVM: MariaDB, Temporal, the three reference services (real gRPC servers
 * on their own ports, so activities make real network calls), the workers and the REST API. Parts
 * start in dependency order and stop in reverse.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  private static final String EMBEDDED_DB_PARAMS =
      "?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8"
          + "&connectionTimeZone=UTC";

  /** How long MariaDB or Temporal left running may take to stop on SIGTERM before SIGKILL. */
  private static final Duration SERVER_STOP_GRACE = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final LocalStackOptions options;
  private final Map<String, Object> apiOverrides;
  // One registry for every part, so /actuator/prometheus shows the workers' and the services'
  // meters
  // too, as the separate processes' /metrics endpoints show theirs.
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private String dbServerUrl;
  private TemporalServer temporal;
  private int apiPort;
  private ServiceClients.Targets serviceTargets;
  private String pspTarget;
  private String traceUiUrl;
  private PayloadEncryption payloadEncryption;

  private LocalStack(LocalStackOptions options, Map<String, Object> apiOverrides) {
    this.options = options;
    this.apiOverrides = Map.copyOf(apiOverrides);
  }

  /** Starts every part; on a failure stops what already started and rethrows. */
  public static LocalStack start(LocalStackOptions options) throws Exception {
    return start(options, Map.of());
  }

  /**
   * As {@link #start(LocalStackOptions)}, with API properties set on top of what the stack derives,
   * such as the SLO windows a test shrinks to seconds.
   */
  public static LocalStack start(LocalStackOptions options, Map<String, Object> apiOverrides)
      throws Exception {
    LocalStack stack = new LocalStack(options, apiOverrides);
    try {
      stack.startAll();
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    takeDataDirectory();
    TraceUi traceUi = launchTraceUi();
    dbServerUrl = startDatabase();
    payloadEncryption = PayloadEncryption.with(payloadKeys());
    temporal =
        TemporalServer.start(
            options.temporalTarget(),
            options.temporalPort(),
            options.temporalUiPort(),
            temporalDir(),
            codecEndpoint());
    started.push(temporal);
    ReferenceServices services = ReferenceServices.start(servicesConfig(), metrics);
    started.push(services);
    if (traceUi != null) {
      // Before the workers: the first workflows they start are exported to it.
      traceUi.awaitReady();
    }
    ServiceClients.Targets targets =
        new ServiceClients.Targets(
            "localhost:" + services.stockPort(),
            "localhost:" + services.shippingPort(),
            "localhost:" + services.paymentPort());
    serviceTargets = targets;
    pspTarget = "localhost:" + services.pspPort();
    started.push(
        OrderWorkers.start(
            workerConfig(targets),
            reconciliationConfig(),
            WorkerTuning.fromEnv(System.getenv()),
            metrics));
    ConfigurableApplicationContext api =
        new SpringApplicationBuilder(ApiApplication.class)
            .properties(apiProperties(targets))
            .initializers(this::shareMetrics)
            .run();
    started.push(api);
    apiPort = Integer.parseInt(api.getEnvironment().getProperty("local.server.port", "0"));
    // One line: the launcher's main prints the whole banner to the console, where the log goes too.
    log.info("Local stack is up: REST API on port {}, Temporal at {}", apiPort, temporalTarget());
  }

  /**
   * Gives the API the stack's registry instead of one of its own; Spring Boot's auto-configuration
   * backs off when these beans exist, and still binds its JVM and HTTP meters to them.
   */
  private void shareMetrics(ConfigurableApplicationContext context) {
    GenericApplicationContext api = (GenericApplicationContext) context;
    api.registerBean(
        "prometheusRegistry", PrometheusRegistry.class, metrics::getPrometheusRegistry);
    api.registerBean("prometheusMeterRegistry", PrometheusMeterRegistry.class, () -> metrics);
  }

  /**
   * Makes the data directory this launcher's alone, and stops what a launcher that died on it
   * without stopping its servers (kill -9, an OOM kill) left running: their pid files are still
   * there, and nobody else holds the directory. A guard then keeps this launcher's servers from
   * outliving it in turn.
   */
  private void takeDataDirectory() throws IOException {
    started.push(DataDirLock.acquire(options.dataDir()));
    List<PidFile> servers =
        List.of(
            TemporalServer.pidFile(temporalDir()), mariaDbPidFile(), TraceUi.pidFile(traceUiDir()));
    for (PidFile server : servers) {
      server.stopLeftover(SERVER_STOP_GRACE);
    }
    started.push(OrphanGuard.over(servers, SERVER_STOP_GRACE));
  }

  /**
   * Starts the trace UI when asked, and makes it where every part, started after, exports its spans
   * (system properties, which the parts' OpenTelemetry SDKs read). It takes seconds to start: the
   * database and Temporal start meanwhile.
   */
  private TraceUi launchTraceUi() {
    if (!options.traceUi().enabled()) {
      return null;
    }
    TraceUi traceUi = TraceUi.launch(options.traceUi().port(), traceUiDir());
    started.push(traceUi);
    started.push(TraceExport.to(traceUi.spansEndpoint()));
    traceUiUrl = traceUi.url();
    return traceUi;
  }

  private Path traceUiDir() {
    return options.dataDir().resolve("trace-ui");
  }

  /**
   * The keys that encrypt this stack's Temporal payloads: those {@code ORDERS_PAYLOAD_KEYS} or
   * {@code ORDERS_PAYLOAD_KEYS_FILE} name, else a key created on the first start and kept with the
   * data it protects (losing it makes the histories of open orders unreadable).
   */
  private static PayloadKeys payloadKeysFromEnv() {
    return PayloadKeys.fromEnv(System.getenv()).orElse(null);
  }

  private PayloadKeys payloadKeys() {
    PayloadKeys fromEnv = payloadKeysFromEnv();
    return fromEnv != null ? fromEnv : PayloadKeys.readOrCreate(payloadKeysFile());
  }

  private Path payloadKeysFile() {
    return options.dataDir().resolve("payload-keys");
  }

  /** The API's codec server, for Temporal UI; none when the API takes a random port (tests). */
  private String codecEndpoint() {
    return options.apiPort() == 0 ? null : "http://localhost:" + options.apiPort() + "/codec";
  }

  private Path temporalDir() {
    return options.dataDir().resolve("temporal");
  }

  private Path mariaDbDir() {
    return options.dataDir().resolve("mariadb");
  }

  private PidFile mariaDbPidFile() {
    Path file = EmbeddedMariaDb.pidFile(mariaDbDir());
    return new PidFile(file, file.toString());
  }

  private String startDatabase() {
    if (!"embedded".equals(options.dbUrl())) {
      return options.dbUrl();
    }
    EmbeddedMariaDb db = EmbeddedMariaDb.start(mariaDbDir(), options.dbPort());
    started.push(db);
    return "jdbc:mysql://localhost:" + db.port() + EMBEDDED_DB_PARAMS;
  }

  private ServicesConfig servicesConfig() {
    LocalStackOptions.ServicePorts ports = options.servicePorts();
    return new ServicesConfig(
        JdbcUrls.forDatabase(dbServerUrl, "stock"),
        JdbcUrls.forDatabase(dbServerUrl, "shipping"),
        JdbcUrls.forDatabase(dbServerUrl, "payment"),
        options.dbUser(),
        options.dbPassword(),
        ports.stock(),
        ports.shipping(),
        ports.payment(),
        true,
        ports.psp(),
        options.pspAuthorizationTtl(),
        JdbcUrls.forDatabase(dbServerUrl, "psp"),
        null);
  }

  private WorkerConfig workerConfig(ServiceClients.Targets targets) {
    return new WorkerConfig(
        temporal.target(),
        "default",
        targets,
        JdbcUrls.forDatabase(dbServerUrl, "orders"),
        options.dbUser(),
        options.dbPassword(),
        options.stepRetryBudget(),
        Duration.ofSeconds(5),
        options.recovery(),
        options.recoveryScheduler(),
        options.notifyWebhook(),
        payloadEncryption);
  }

  private ReconciliationConfig reconciliationConfig() {
    return new ReconciliationConfig(
        true,
        pspTarget,
        ReconciliationSchema.urlBeside(JdbcUrls.forDatabase(dbServerUrl, "orders")),
        options.reconciliation());
  }

  private Map<String, Object> apiProperties(ServiceClients.Targets targets) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("server.port", options.apiPort());
    p.put("orders.temporal.target", temporal.target());
    p.put("spring.datasource.url", JdbcUrls.forDatabase(dbServerUrl, "orders"));
    p.put("spring.datasource.username", options.dbUser());
    p.put("spring.datasource.password", options.dbPassword());
    p.put("orders.services.stock.target", targets.stock());
    p.put("orders.services.shipping.target", targets.shipping());
    p.put("orders.services.payment.target", targets.payment());
    p.put("orders.services.psp.target", pspTarget);
    p.put("orders.reconciliation.window", options.reconciliation().window().toString());
    p.put("orders.reconciliation.grace", options.reconciliation().grace().toString());
    p.put("orders.auth.demo-shop-key", options.shopKey());
    p.put("orders.auth.demo-operator-key", options.operatorKey());
    if (payloadKeysFromEnv() == null) {
      // Else the API reads the same variables.
      p.put("orders.payload.keys-file", payloadKeysFile().toString());
    }
    if (temporal.uiUrl() != null) {
      p.put("orders.payload.codec-cors-origins", temporal.uiUrl());
    }
    // Fault control exists to rehearse failures; only the local stack turns it on.
    p.put("orders.dev.faults-enabled", true);
    // Sweeps an operator starts decide like the workers' periodic ones.
    RecoverySettings recovery = options.recovery();
    p.put("orders.recovery.sweep-interval", recovery.sweepInterval().toString());
    p.put("orders.recovery.creating-stale-after", recovery.creatingStaleAfter().toString());
    p.put("orders.recovery.max-concurrent", recovery.maxConcurrentRecoveries());
    p.put("orders.recovery.max-retries", recovery.maxRetries());
    p.put("orders.recovery.retry-backoff", recovery.retryBackoff().toString());
    p.put("orders.recovery.max-retry-backoff", recovery.maxRetryBackoff().toString());
    p.put("orders.recovery.max-pending-age", recovery.maxPendingAge().toString());
    p.put("orders.recovery.batch-size", recovery.batchSize());
    // The SLO reports go where the workers send PENDING orders, with links into this Temporal UI
    // and this trace UI.
    if (options.notifyWebhook() != null) {
      p.put("orders.slo.webhook-url", options.notifyWebhook().toString());
    }
    if (temporal.uiUrl() != null) {
      p.put("orders.slo.temporal-ui-url", temporal.uiUrl());
    }
    if (traceUiUrl != null) {
      p.put("orders.slo.trace-search-url", TraceUi.orderSearchUrl(traceUiUrl));
    }
    p.putAll(apiOverrides);
    return p;
  }

  /** Where the REST API listens. */
  public int apiPort() {
    return apiPort;
  }

  /** Where the reference services listen. */
  public ServiceClients.Targets serviceTargets() {
    return serviceTargets;
  }

  /** Where the simulated card provider listens. */
  public String pspTarget() {
    return pspTarget;
  }

  /** JDBC URL of the {@code orders} database (read model and recovery sweeps). */
  public String ordersDbUrl() {
    return JdbcUrls.forDatabase(dbServerUrl, "orders");
  }

  /** Where the trace UI shows traces, or null when the stack started none. */
  public String traceUiUrl() {
    return traceUiUrl;
  }

  /** How the workers and the API encrypt Temporal payloads; another client must do the same. */
  public PayloadEncryption payloadEncryption() {
    return payloadEncryption;
  }

  /** The Temporal frontend the workers and the API use. */
  public String temporalTarget() {
    return temporal.target();
  }

  /** The URLs and keys a person needs to use the stack. */
  public String banner() {
    String api = "http://localhost:" + apiPort;
    StringBuilder b = new StringBuilder();
    b.append("  REST API        ").append(api).append("/api/v1\n");
    b.append("  OpenAPI         ").append(api).append("/swagger-ui.html\n");
    b.append("  Health          ").append(api).append("/actuator/health\n");
    b.append("  Metrics         ").append(api).append("/actuator/prometheus\n");
    b.append("  SLOs            ").append(api).append("/api/v1/ops/slo   (operator key)\n");
    b.append("  Temporal        ").append(temporal.target());
    if ("embedded".equals(options.temporalTarget())) {
      b.append("   (in-process, in memory: workflows are LOST when it stops)");
    }
    b.append('\n');
    if (temporal.uiUrl() != null) {
      b.append("  Temporal UI     ").append(temporal.uiUrl()).append('\n');
    }
    if (traceUiUrl != null) {
      b.append("  Traces          ")
          .append(traceUiUrl)
          .append("   (Zipkin; an order's trace: the trace id of its traceresponse header)\n");
    }
    b.append("  Card provider   ").append(pspTarget).append(" (simulated PSP)\n");
    b.append("  MySQL           ").append(dbServerUrl).append('\n');
    b.append("  Data directory  ").append(options.dataDir()).append('\n');
    b.append("  Payload keys    ")
        .append(
            payloadKeysFromEnv() == null ? payloadKeysFile() : "from ORDERS_PAYLOAD_KEYS(_FILE)")
        .append("   (encrypt Temporal payloads; back them up with the data)\n");
    if (temporal.uiUrl() != null && codecEndpoint() != null) {
      b.append("  Codec server    ")
          .append(codecEndpoint())
          .append("   (decrypts payloads in Temporal UI; sign in at ")
          .append(api)
          .append("/codec/login)\n");
    }
    b.append("  Shop key        ").append(options.shopKey()).append("   (shop demo-shop)\n");
    b.append("  Operator key    ").append(options.operatorKey()).append('\n');
    return b.toString();
  }

  /** Stops every part in reverse order of start; keeps going when one fails to stop. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("Could not stop {} cleanly", part, e);
      }
    }
  }
}
