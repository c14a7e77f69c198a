package org.ordersystem.api.products;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the API reads the catalog ({@code orders.api.catalog.*}).
 *
 * @param priceTtl how long a product's price, read from the stock service, prices new orders before
 *     it is read again; zero reads it for every order
 */
@ConfigurationProperties("orders.api.catalog")
public record CatalogProperties(Duration priceTtl) {

  public CatalogProperties {
    if (priceTtl == null || priceTtl.isNegative()) {
      throw new IllegalArgumentException("orders.api.catalog.price-ttl must be zero or positive");
    }
  }
}
