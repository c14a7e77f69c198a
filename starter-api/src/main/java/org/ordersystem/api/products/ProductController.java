package org.ordersystem.api.products;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.ordersystem.api.config.CallsServices;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog, for shops building their storefront and for operators. */
@CallsServices
@RestController
public class ProductController {

  /** The catalog page. */
  public record ProductList(List<Product> items) {}

  private final StockCatalog catalog;

  public ProductController(StockCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(summary = "List the catalog with prices (JPY) and units available")
  @GetMapping("/api/v1/products")
  public ProductList list() {
    return new ProductList(catalog.listAll());
  }
}
