package org.ordersystem.api.products;

import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ordersystem.api.grpc.DownstreamException;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.springframework.stereotype.Component;

/** The catalog, read from the stock service (which owns it). */
@Component
public class StockCatalog {

  private final ServiceChannels channels;

  public StockCatalog(ServiceChannels channels) {
    this.channels = channels;
  }

  /** Every product, ordered by sku. */
  public List<Product> listAll() {
    return list(List.of());
  }

  /**
   * The products among {@code skus} (unknown skus are left out); an empty collection lists all.
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
