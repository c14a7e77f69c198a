package org.ordersystem.api;

import org.junit.jupiter.api.BeforeEach;
import org.ordersystem.api.config.ReadModelConfig;
import org.ordersystem.api.dev.FaultControl;
import org.ordersystem.api.ops.PaymentAccounts;
import org.ordersystem.api.ops.PaymentLedger;
import org.ordersystem.api.orders.OrderUpdates;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.api.products.StockCatalog;
import org.ordersystem.api.recovery.RecoverySweeps;
import org.ordersystem.api.refunds.RefundRecords;
import org.ordersystem.api.shipments.Shipments;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The whole API in a mock servlet environment, with every way out (Temporal, the read model, the
 * gRPC services) mocked; one Spring context shared by every test class extending this.
 *
 * <p>Only for what a web slice ({@link ApiWebSlice}, the areas' {@code *SliceSupport}) cannot show:
 * the OpenAPI document springdoc builds from every controller, Boot's own data source, the
 * actuator's endpoints and meters, the API key check across every area's paths at once, and the
 * answers to paths no controller maps, next to every mapping the application has. A test of one
 * area's endpoints belongs in that area's slice, which starts a fraction of this context.
 *
 * <p>One order placement at a time is admitted: the tests place one after another, so every test
 * that places an order after another one failed also checks that the failure gave its place back.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "orders.dev.faults-enabled=true",
      "orders.api.max-body-bytes=4096",
      "orders.api.max-placements-in-flight=1",
      "orders.api.shed-retry-after=PT2S",
      "orders.auth.keys[0].key=" + ApiFixtures.OTHER_SHOP_KEY,
      "orders.auth.keys[0].role=SHOP",
      "orders.auth.keys[0].shop-id=other-shop",
      "orders.payload.keys=" + ApiFixtures.PAYLOAD_KEY,
      "orders.payload.codec-cors-origins=http://localhost:8233"
    })
@AutoConfigureMockMvc
public abstract class ApiTestSupport extends ApiRequests {

  @MockitoBean protected StockCatalog catalog;
  @MockitoBean protected PaymentAccounts accounts;
  @MockitoBean protected PaymentLedger ledger;
  @MockitoBean protected FaultControl faultControl;
  @MockitoBean protected OrderWorkflowGateway workflows;
  @MockitoBean protected OrderUpdates updates;
  @MockitoBean protected RefundRecords refundRecords;
  @MockitoBean protected Shipments shipments;
  @MockitoBean protected OrderReadModel readModel;
  @MockitoBean protected RestIdempotencyKeys idempotencyKeys;
  @MockitoBean protected ReadModelConfig.ReadModelMigration migration;
  @MockitoBean protected RecoverySweeps sweeps;

  @BeforeEach
  void catalogKnowsTwoSkus() {
    ApiFixtures.catalogKnowsTwoSkus(catalog);
    ApiFixtures.everyKeyIsNew(idempotencyKeys);
  }
}
