package org.ordersystem.launcher;

import com.fasterxml.jackson.databind.JsonNode;

/** The catalog as GET /api/v1/products shows it. */
final class Catalog {

  /** A product plentiful in the seed data. */
  static final String PLENTIFUL_SKU = "TSHIRT-M";

  /** A product seeded with only a few units. */
  static final String SCARCE_SKU = "LIMITED-VINYL";

  private Catalog() {}

  static JsonNode product(ApiClient api, String sku) {
    for (JsonNode item : api.get("/api/v1/products").body().path("items")) {
      if (item.path("sku").asText().equals(sku)) {
        return item;
      }
    }
    throw new AssertionError("sku not in catalog: " + sku);
  }

  static long available(ApiClient api, String sku) {
    return product(api, sku).path("available").asLong();
  }

  static long unitPrice(ApiClient api, String sku) {
    return product(api, sku).path("unitPrice").asLong();
  }

  /** Available balance of a customer, as operators see it. */
  static long balance(ApiClient operator, String customerId) {
    for (JsonNode item : operator.get("/api/v1/ops/customers").body().path("items")) {
      if (item.path("customerId").asText().equals(customerId)) {
        return item.path("balance").asLong();
      }
    }
    throw new AssertionError("customer not found: " + customerId);
  }
}
