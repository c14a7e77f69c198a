package org.ordersystem.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ordersystem.proto.faults.v1.FaultControlServiceGrpc;
import org.ordersystem.proto.faults.v1.GetFaultsRequest;
import org.ordersystem.proto.payment.v1.Account;
import org.ordersystem.proto.payment.v1.AuthorizeLegRequest;
import org.ordersystem.proto.payment.v1.AuthorizeLegResponse;
import org.ordersystem.proto.payment.v1.FundingSource;
import org.ordersystem.proto.payment.v1.ListAccountsRequest;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc;
import org.ordersystem.proto.payment.v1.PaymentServiceGrpc.PaymentServiceBlockingStub;
import org.ordersystem.proto.payment.v1.SourceType;
import org.ordersystem.proto.psp.v1.GetAuthorizationRequest;
import org.ordersystem.proto.psp.v1.PspServiceGrpc;
import org.ordersystem.proto.shipping.v1.ShippingServiceGrpc;
import org.ordersystem.proto.stock.v1.ListProductsRequest;
import org.ordersystem.proto.stock.v1.Product;
import org.ordersystem.proto.stock.v1.ReserveStockRequest;
import org.ordersystem.proto.stock.v1.StockLine;
import org.ordersystem.proto.stock.v1.StockServiceGrpc;
import org.ordersystem.services.support.TestDatabases;

/** The services and the provider over real TCP ports, as the activities reach them. */
class ReferenceServicesIntegrationTest {

  @Test
  void shouldServeTheSeededServicesOnTheirOwnPorts() throws Exception {
    try (ReferenceServices services = ReferenceServices.start(TestDatabases.freshConfig(true))) {
      assertThat(
              List.of(
                  services.stockPort(),
                  services.shippingPort(),
                  services.paymentPort(),
                  services.pspPort()))
          .allMatch(port -> port > 0)
          .doesNotHaveDuplicates();
      ManagedChannel stockChannel = channel(services.stockPort());
      ManagedChannel shippingChannel = channel(services.shippingPort());
      ManagedChannel paymentChannel = channel(services.paymentPort());
      ManagedChannel pspChannel = channel(services.pspPort());
      try {
        assertServing(stockChannel, StockServiceGrpc.SERVICE_NAME);
        assertServing(shippingChannel, ShippingServiceGrpc.SERVICE_NAME);
        assertServing(paymentChannel, PaymentServiceGrpc.SERVICE_NAME);
        assertServing(pspChannel, PspServiceGrpc.SERVICE_NAME);
        assertThat(
                FaultControlServiceGrpc.newBlockingStub(shippingChannel)
                    .getFaults(GetFaultsRequest.getDefaultInstance())
                    .getFaults()
                    .getOutage())
            .isFalse();

        Map<String, Product> products = products(stockChannel);
        assertThat(products.values())
            .filteredOn(p -> p.getAvailable() == 1_000_000)
            .hasSizeGreaterThanOrEqualTo(5);
        assertThat(products.get("TSHIRT-M").getUnitPrice()).isEqualTo(2500);
        assertThat(products.get("LIMITED-VINYL").getAvailable()).isEqualTo(5);

        Map<String, Long> balances =
            PaymentServiceGrpc.newBlockingStub(paymentChannel)
                .listAccounts(ListAccountsRequest.getDefaultInstance())
                .getAccountsList()
                .stream()
                .collect(Collectors.toMap(Account::getCustomerId, Account::getAvailable));
        assertThat(balances)
            .containsEntry("cust-001", 50_000_000L)
            .containsEntry("cust-005", 50_000_000L)
            .containsEntry("cust-poor", 1_000L);

        // A card leg travels from the payment service to the provider over their real ports.
        PaymentServiceBlockingStub payment = PaymentServiceGrpc.newBlockingStub(paymentChannel);
        String paymentId = "order-" + UUID.randomUUID();
        AuthorizeLegResponse card =
            payment.authorizeLeg(
                AuthorizeLegRequest.newBuilder()
                    .setIdempotencyKey(paymentId + ":authorize:1")
                    .setPaymentId(paymentId)
                    .setLegId("1")
                    .setCustomerId("cust-001")
                    .setSource(
                        FundingSource.newBuilder()
                            .setType(SourceType.SOURCE_TYPE_CARD)
                            .setAmount(4_000)
                            .setCardToken("tok_ok"))
                    .build());
        assertThat(
                PspServiceGrpc.newBlockingStub(pspChannel)
                    .getAuthorization(
                        GetAuthorizationRequest.newBuilder()
                            .setAuthorizationId(card.getPspAuthorizationId())
                            .build())
                    .getReference())
            .isEqualTo(paymentId + ":1");
        assertThat(
                FaultControlServiceGrpc.newBlockingStub(pspChannel)
                    .getFaults(GetFaultsRequest.getDefaultInstance())
                    .getFaults()
                    .getOutage())
            .isFalse();
      } finally {
        for (ManagedChannel channel :
            List.of(stockChannel, shippingChannel, paymentChannel, pspChannel)) {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void shouldKeepMovedStockWhenRestartedWithOrWithoutSeeding() throws Exception {
    ServicesConfig config = TestDatabases.freshConfig(true);
    try (ReferenceServices services = ReferenceServices.start(config)) {
      ManagedChannel channel = channel(services.stockPort());
      String id = "order-" + UUID.randomUUID();
      StockServiceGrpc.newBlockingStub(channel)
          .reserveStock(
              ReserveStockRequest.newBuilder()
                  .setIdempotencyKey(id + ":reserve")
                  .setReservationId(id)
                  .addLines(StockLine.newBuilder().setSku("LIMITED-VINYL").setQuantity(2))
                  .build());
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    for (boolean seed : new boolean[] {true, false}) {
      ServicesConfig again =
          new ServicesConfig(
              config.stockJdbcUrl(),
              config.shippingJdbcUrl(),
              config.paymentJdbcUrl(),
              config.dbUser(),
              config.dbPassword(),
              0,
              0,
              0,
              seed,
              0,
              config.pspAuthorizationTtl(),
              config.pspJdbcUrl(),
              null);
      try (ReferenceServices services = ReferenceServices.start(again)) {
        ManagedChannel channel = channel(services.stockPort());
        assertThat(products(channel).get("LIMITED-VINYL").getAvailable()).isEqualTo(3);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static ManagedChannel channel(int port) {
    return Grpc.newChannelBuilderForAddress("localhost", port, InsecureChannelCredentials.create())
        .build();
  }

  private static void assertServing(ManagedChannel channel, String service) {
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  private static Map<String, Product> products(ManagedChannel channel) {
    return StockServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .listProducts(ListProductsRequest.getDefaultInstance())
        .getProductsList()
        .stream()
        .collect(Collectors.toMap(Product::getSku, Function.identity()));
  }
}
