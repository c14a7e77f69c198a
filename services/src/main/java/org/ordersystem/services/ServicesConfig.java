package org.ordersystem.services;

import java.time.Duration;

/**
 * Where the reference services keep their data and listen.
 *
 * @param stockJdbcUrl mysql-connector-j URL of the stock database
 * @param shippingJdbcUrl mysql-connector-j URL of the shipping database
 * @param paymentJdbcUrl mysql-connector-j URL of the payment database
 * @param dbUser user of all the databases
 * @param dbPassword password of that user
 * @param stockPort gRPC port of the stock service, 0 for a free one
 * @param shippingPort gRPC port of the shipping service, 0 for a free one
 * @param paymentPort gRPC port of the payment service, 0 for a free one
 * @param seedDemoData whether to insert the demo catalog and wallets (never overwriting rows)
 * @param pspPort gRPC port of the simulated payment provider, 0 for a free one
 * @param pspAuthorizationTtl how long a card authorization at the provider holds before it expires
 * @param pspJdbcUrl mysql-connector-j URL of the provider's database; unused when {@code pspTarget}
 *     is set
 * @param pspTarget gRPC target of a provider running elsewhere (for example {@code
 *     psp.internal:50054}); null or blank to start the simulated provider here
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
    boolean seedDemoData,
    int pspPort,
    Duration pspAuthorizationTtl,
    String pspJdbcUrl,
    String pspTarget) {

  /** Whether the simulated provider runs in this process. */
  public boolean runsPsp() {
    return pspTarget == null || pspTarget.isBlank();
  }
}
