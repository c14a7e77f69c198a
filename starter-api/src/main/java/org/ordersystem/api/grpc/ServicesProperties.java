package org.ordersystem.api.grpc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the stock, shipping and payment services and the payment provider (PSP) listen ({@code
 * orders.services.*}).
 *
 * @param deadline deadline of every call the API makes to them
 */
@ConfigurationProperties("orders.services")
public record ServicesProperties(
    Endpoint stock, Endpoint shipping, Endpoint payment, Endpoint psp, Duration deadline) {

  /** One service's gRPC target, {@code host:port}. */
  public record Endpoint(String target) {}

  public ServicesProperties {
    require(stock, "stock");
    require(shipping, "shipping");
    require(payment, "payment");
    require(psp, "psp");
    if (deadline == null || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("orders.services.deadline must be positive");
    }
  }

  private static void require(Endpoint endpoint, String name) {
    if (endpoint == null || endpoint.target() == null || endpoint.target().isBlank()) {
      throw new IllegalArgumentException("orders.services." + name + ".target is required");
    }
  }
}
