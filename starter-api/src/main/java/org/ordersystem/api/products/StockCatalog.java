package org.ordersystem.api.products;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.springframework.stereotype.Component;

/**
 * The catalog, read from the stock service (which owns it).
 *
 * <p>Placements price their lines from a short-lived copy ({@link #forPricing}): asking the stock
 * service for every order cost a gRPC call and a query on each placement's path, for prices that
 * change rarely. Nothing else is served from the copy: availability is the stock service's to
 * decide when it reserves, and listings show it fresh.
 */
@Component
public class StockCatalog {

  private final ServiceChannels channels;
  private final Cache<String, Product> pricing;

  public StockCatalog(ServiceChannels channels, CatalogProperties properties) {
    this.channels = channels;
    this.pricing =
        Caffeine.newBuilder().expireAfterWrite(properties.priceTtl()).maximumSize(10_000).build();
  }

  /** Every product, ordered by sku, read now. */
  public List<Product> listAll() {
    return list(List.of());
  }

  /**
   * The products among {@code skus} (unknown skus are left out), to price an order: those read
   * within the price TTL come from the copy, the others in one call. An unknown sku is never kept,
   * so a product added to the catalog can be ordered at once.
   *
   * @throws DownstreamException when the stock service cannot answer for a sku not in the copy
   */
  public Map<String, Product> forPricing(Collection<String> skus) {
    Map<String, Product> found = new HashMap<>(pricing.getAllPresent(skus));
    Set<String> missing = new TreeSet<>(skus);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      for (Product product : list(missing)) {
        pricing.put(product.sku(), product);
        found.put(product.sku(), product);
      }
    }
    return found;
  }

  /**
   * The products among {@code skus} (unknown skus are left out), read now; an empty collection
   * lists all.
   *
   * @throws DownstreamException when the stock service cannot answer
   */
  public List<Product> list(Collection<String> skus) {
    try {
      return StockServiceGrpc.newBlockingStub(channels.stock())
          .withDeadlineAfter(channels.deadline().toMillis(), TimeUnit.MILLISECONDS)
          .listProducts(ListProductsRequest.newBuilder().addAllSkus(skus).build())
          .getProductsList()
          .stream()
          .map(p -> new Product(p.getSku(), p.getName(), p.getUnitPrice(), p.getAvailable()))
          .toList();
    } catch (StatusRuntimeException e) {
      throw new DownstreamException("stock", e);
    }
  }
}
