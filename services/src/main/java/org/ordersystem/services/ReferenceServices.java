package org.ordersystem.services;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ordersystem.services.common.ServiceDatabase;
import org.ordersystem.services.payment.PaymentServer;
import org.ordersystem.services.shipping.ShippingServer;
import org.ordersystem.services.stock.StockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock, shipping and payment services running together, each on its own network port with its
 * own database pool: for the local stack, a services-only process and tests.
 */
public final class ReferenceServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReferenceServices.class);

  private final StockServer stock;
  private final ShippingServer shipping;
  private final PaymentServer payment;

  /** Servers first, then pools: a server stops taking calls before its pool goes away. */
  private final List<AutoCloseable> closeOrder;

  private ReferenceServices(
      StockServer stock,
      ShippingServer shipping,
      PaymentServer payment,
      List<AutoCloseable> closeOrder) {
    this.stock = stock;
    this.shipping = shipping;
    this.payment = payment;
    this.closeOrder = closeOrder;
  }

  /**
   * Migrates the three databases and starts the three servers. On failure whatever was started is
   * stopped again before the exception leaves.
   */
  public static ReferenceServices start(ServicesConfig config) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      HikariDataSource stockDb = open(opened, "stock", config.stockJdbcUrl(), config);
      HikariDataSource shippingDb = open(opened, "shipping", config.shippingJdbcUrl(), config);
      HikariDataSource paymentDb = open(opened, "payment", config.paymentJdbcUrl(), config);
      StockServer stock = StockServer.onPort(config.stockPort(), stockDb);
      stock.start();
      opened.add(stock);
      ShippingServer shipping = ShippingServer.onPort(config.shippingPort(), shippingDb);
      shipping.start();
      opened.add(shipping);
      PaymentServer payment = PaymentServer.onPort(config.paymentPort(), paymentDb);
      payment.start();
      opened.add(payment);
      return new ReferenceServices(stock, shipping, payment, reversed(opened));
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
