package org.ordersystem.api.products;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.grpc.ServiceChannels;
import org.ordersystem.api.grpc.ServicesProperties;
import org.ordersystem.api.grpc.ServicesProperties.Endpoint;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.ListProductsResponse;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;

class StockCatalogTest {

  /** A stock service knowing two products, which remembers every sku list it was asked for. */
  static class CountingStock extends StockServiceGrpc.StockServiceImplBase {
    final List<List<String>> asked = new CopyOnWriteArrayList<>();
    volatile long stickerPrice = 100;

    @Override
    public void listProducts(
        ListProductsRequest request, StreamObserver<ListProductsResponse> response) {
      asked.add(List.copyOf(request.getSkusList()));
      ListProductsResponse.Builder answer = ListProductsResponse.newBuilder();
      Map<String, Long> prices = Map.of("HOODIE", 3800L, "STICKER", stickerPrice);
      request.getSkusList().stream()
          .filter(prices::containsKey)
          .sorted()
          .forEach(
              sku ->
                  answer.addProducts(
                      org.ordersystem.proto.stock.v1.Product.newBuilder()
                          .setSku(sku)
                          .setName(sku)
                          .setUnitPrice(prices.get(sku))
                          .setAvailable(5)));
      response.onNext(answer.build());
      response.onCompleted();
    }
  }

  private final CountingStock stock = new CountingStock();
  private Server server;
  private ServiceChannels channels;

  private StockCatalog catalog(Duration priceTtl) throws Exception {
    server = ServerBuilder.forPort(0).addService(stock).build().start();
    Endpoint target = new Endpoint("localhost:" + server.getPort());
    Endpoint unused = new Endpoint("localhost:1");
    channels =
        new ServiceChannels(
            new ServicesProperties(target, unused, unused, unused, Duration.ofSeconds(5)));
    return new StockCatalog(channels, new CatalogProperties(priceTtl));
  }

  @AfterEach
  void stop() throws Exception {
    channels.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldPriceRepeatedOrdersFromOneReadWithinTheTtl() throws Exception {
    StockCatalog catalog = catalog(Duration.ofMinutes(1));

    assertThat(catalog.forPricing(List.of("HOODIE", "STICKER")))
        .containsOnlyKeys("HOODIE", "STICKER");
    stock.stickerPrice = 120;
    Map<String, Product> again = catalog.forPricing(List.of("STICKER", "HOODIE"));

    assertThat(again.get("STICKER").unitPrice()).isEqualTo(100);
    assertThat(stock.asked).hasSize(1);
  }

  @Test
  void shouldAskOnlyForTheSkusNotYetRead() throws Exception {
    StockCatalog catalog = catalog(Duration.ofMinutes(1));

    catalog.forPricing(List.of("HOODIE"));
    catalog.forPricing(List.of("HOODIE", "STICKER"));

    assertThat(stock.asked).containsExactly(List.of("HOODIE"), List.of("STICKER"));
  }

  @Test
  void shouldAskAgainForAnUnknownSkuSoANewProductCanBeOrderedAtOnce() throws Exception {
    StockCatalog catalog = catalog(Duration.ofMinutes(1));

    assertThat(catalog.forPricing(List.of("NEW-ONE"))).isEmpty();
    assertThat(catalog.forPricing(List.of("NEW-ONE"))).isEmpty();

    assertThat(stock.asked).hasSize(2);
  }

  @Test
  void shouldReadEveryTimeWithATtlOfZero() throws Exception {
    StockCatalog catalog = catalog(Duration.ZERO);

    catalog.forPricing(List.of("STICKER"));
    stock.stickerPrice = 120;

    assertThat(catalog.forPricing(List.of("STICKER")).get("STICKER").unitPrice()).isEqualTo(120);
    assertThat(stock.asked).hasSize(2);
  }

  @Test
  void shouldListAvailabilityFreshWhateverWasPriced() throws Exception {
    StockCatalog catalog = catalog(Duration.ofMinutes(1));

    catalog.forPricing(List.of("STICKER"));
    catalog.list(List.of("STICKER"));

    assertThat(stock.asked).hasSize(2);
  }
}
