package org.ordersystem.services;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock, shipping and payment services and the simulated payment provider running together,
 * each on its own network port with its own database pool: for the local stack, a services-only
 * process and tests.
 */
public final class ReferenceServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReferenceServices.class);

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
      HikariDataSource stockDb = open(opened, "stock", config.stockJdbcUrl(), config);
      HikariDataSource shippingDb = open(opened, "shipping", config.shippingJdbcUrl(), config);
      HikariDataSource paymentDb = open(opened, "payment", config.paymentJdbcUrl(), config);
      PspServer psp = null;
      String pspTarget = config.pspTarget();
      if (config.runsPsp()) {
        HikariDataSource pspDb = open(opened, "psp", config.pspJdbcUrl(), config);
        psp =
            PspServer.onPort(
                config.pspPort(), pspDb, Clock.systemUTC(), config.pspAuthorizationTtl());
        psp.start();
        opened.add(psp);
        pspTarget = "localhost:" + psp.port();
      }
      ManagedChannel pspChannel =
          Grpc.newChannelBuilder(pspTarget, InsecureChannelCredentials.create())
              .intercept(DownstreamCallMetrics.of(metrics, "psp"))
              .build();
      opened.add(() -> pspChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
      StockServer stock = StockServer.onPort(config.stockPort(), stockDb);
      stock.start();
      opened.add(stock);
      ShippingServer shipping = ShippingServer.onPort(config.shippingPort(), shippingDb);
      shipping.start();
      opened.add(shipping);
      PaymentServer payment = PaymentServer.onPort(config.paymentPort(), paymentDb, pspChannel);
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
