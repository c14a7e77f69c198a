package org.ordersystem.services;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.metrics.DownstreamCallMetrics;
import org.ordersystem.services.common.ServiceDatabase;
import org.ordersystem.services.payment.PaymentServer;
import org.ordersystem.services.psp.PspServer;
import org.ordersystem.services.shipping.ShippingServer;
import org.ordersystem.services.stock.StockServer;
import org.ordersystem.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock, shipping and payment services and the simulated payment provider running together,
 * each on its own network port with its own database pool: for the local stack, a services-only
 * process and tests.
 */
public final class ReferenceServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReferenceServices.class);

  /** The {@code service.name} of the stock, shipping and payment services' spans. */
  public static final String SERVICE_NAME = "orders-services";

  /** The {@code service.name} of the simulated payment provider's spans. */
  public static final String PSP_SERVICE_NAME = "psp-simulator";

  private final StockServer stock;
  private final ShippingServer shipping;
  private final PaymentServer payment;
  private final PspServer psp;

  /** Servers first, then pools: a server stops taking calls before its pool goes away. */
  private final List<AutoCloseable> closeOrder;

  private ReferenceServices(
      StockServer stock,
      ShippingServer shipping,
      PaymentServer payment,
      PspServer psp,
      List<AutoCloseable> closeOrder) {
    this.stock = stock;
    this.shipping = shipping;
    this.payment = payment;
    this.psp = psp;
    this.closeOrder = closeOrder;
  }

  /**
   * Migrates the databases and starts the servers, the provider first since the payment service
   * calls it. On failure whatever was started is stopped again before the exception leaves.
   */
  public static ReferenceServices start(ServicesConfig config) {
    // A composite with no registry in it: meters cost next to nothing and go nowhere.
    return start(config, new CompositeMeterRegistry());
  }

  /**
   * As {@link #start(ServicesConfig)}, with the payment service's calls to the provider timed and
   * counted in {@code metrics} (downstream {@code psp}).
   */
  public static ReferenceServices start(ServicesConfig config, MeterRegistry metrics) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      // Opened first, closed last: the spans of the last calls are still exported.
      Tracing tracing = Tracing.start(SERVICE_NAME);
      opened.add(tracing);
      HikariDataSource stockDb = open(opened, "stock", config.stockJdbcUrl(), config);
      HikariDataSource shippingDb = open(opened, "shipping", config.shippingJdbcUrl(), config);
      HikariDataSource paymentDb = open(opened, "payment", config.paymentJdbcUrl(), config);
      PspServer psp = null;
      String pspTarget = config.pspTarget();
      if (config.runsPsp()) {
        // The provider stands for a company of its own: its spans carry its own name.
        Tracing pspTracing = Tracing.start(PSP_SERVICE_NAME);
        opened.add(pspTracing);
        HikariDataSource pspDb = open(opened, "psp", config.pspJdbcUrl(), config);
        psp =
            new PspServer(
                traced(config.pspPort(), pspTracing),
                pspTracing.jdbc(pspDb),
                Clock.systemUTC(),
                config.pspAuthorizationTtl());
        psp.start();
        opened.add(psp);
        pspTarget = "localhost:" + psp.port();
      }
      ManagedChannel pspChannel =
          Grpc.newChannelBuilder(pspTarget, InsecureChannelCredentials.create())
              // Added last, runs first: the call's span covers the metrics' timing.
              .intercept(DownstreamCallMetrics.of(metrics, "psp"))
              .intercept(tracing.grpcClient())
              .build();
      opened.add(() -> pspChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
      StockServer stock =
          new StockServer(traced(config.stockPort(), tracing), tracing.jdbc(stockDb));
      stock.start();
      opened.add(stock);
      ShippingServer shipping =
          new ShippingServer(traced(config.shippingPort(), tracing), tracing.jdbc(shippingDb));
      shipping.start();
      opened.add(shipping);
      PaymentServer payment =
          new PaymentServer(
              traced(config.paymentPort(), tracing), tracing.jdbc(paymentDb), pspChannel);
      payment.start();
      opened.add(payment);
      return new ReferenceServices(stock, shipping, payment, psp, reversed(opened));
    } catch (RuntimeException e) {
      closeAll(reversed(opened));
      throw e;
    }
  }

  public int stockPort() {
    return stock.port();
  }

  public int shippingPort() {
    return shipping.port();
  }

  public int paymentPort() {
    return payment.port();
  }

  /** The simulated provider's port, or -1 when the payment service uses a provider elsewhere. */
  public int pspPort() {
    return psp == null ? -1 : psp.port();
  }

  /** Stops the servers, then closes the pools. */
  @Override
  public void close() {
    closeAll(closeOrder);
  }

  /**
   * A server on {@code port} of every interface (0 for a free one) whose calls are spans of the
   * trace their caller sent; the span also covers the faults injected.
   */
  private static ServerBuilder<?> traced(int port, Tracing tracing) {
    return Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
        .intercept(tracing.grpcServer());
  }

  private static HikariDataSource open(
      List<AutoCloseable> opened, String service, String jdbcUrl, ServicesConfig config) {
    HikariDataSource dataSource =
        ServiceDatabase.open(
            service, jdbcUrl, config.dbUser(), config.dbPassword(), config.seedDemoData());
    opened.add(dataSource);
    return dataSource;
  }

  private static List<AutoCloseable> reversed(List<AutoCloseable> resources) {
    List<AutoCloseable> copy = new ArrayList<>(resources);
    Collections.reverse(copy);
    return List.copyOf(copy);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Could not close {}", resource, e);
      }
    }
  }
}
