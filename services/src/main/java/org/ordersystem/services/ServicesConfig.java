package org.ordersystem.services;

/**
 * Where the three reference services keep their data and listen.
 *
 * @param stockJdbcUrl mysql-connector-j URL of the stock database
 * @param shippingJdbcUrl mysql-connector-j URL of the shipping database
 * @param paymentJdbcUrl mysql-connector-j URL of the payment database
 * @param dbUser user of all three databases
 * @param dbPassword password of that user
 * @param stockPort gRPC port of the stock service, 0 for a free one
 * @param shippingPort gRPC port of the shipping service, 0 for a free one
 * @param paymentPort gRPC port of the payment service, 0 for a free one
 * @param seedDemoData whether to insert the demo catalog and wallets (never overwriting rows)
 */
public record ServicesConfig(
    String stockJdbcUrl,
    String shippingJdbcUrl,
    String paymentJdbcUrl,
    String dbUser,
    String dbPassword,
    int stockPort,
    int shippingPort,
    int paymentPort,
    boolean seedDemoData) {}
