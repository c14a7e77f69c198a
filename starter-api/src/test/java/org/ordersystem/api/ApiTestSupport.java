package org.ordersystem.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.ordersystem.api.config.ReadModelConfig;
import org.ordersystem.api.dev.FaultControl;
import org.ordersystem.api.ops.PaymentAccounts;
import org.ordersystem.api.ops.PaymentLedger;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.api.products.Product;
import org.ordersystem.api.products.StockCatalog;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.SourceType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The whole API in a mock servlet environment, with every way out (Temporal, the read model, the
 * gRPC services) mocked; one Spring context shared by every test class extending this.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {
      "orders.dev.faults-enabled=true",
      "orders.api.max-body-bytes=4096",
      "orders.auth.keys[0].key=" + ApiTestSupport.OTHER_SHOP_KEY,
      "orders.auth.keys[0].role=SHOP",
      "orders.auth.keys[0].shop-id=other-shop"
    })
@AutoConfigureMockMvc
public abstract class ApiTestSupport {

  public static final String SHOP_KEY = "demo-shop-key";
  public static final String OPERATOR_KEY = "demo-operator-key";
  public static final String OTHER_SHOP_KEY = "other-shop-key";
  public static final String SHOP_ID = "demo-shop";

  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final Map<String, Product> CATALOG =
      Map.of(
          "SKU-1", new Product("SKU-1", "Teapot", 1200, 500),
          "SKU-2", new Product("SKU-2", "Cup", 800, 500));

  @Autowired protected MockMvc mvc;

  @MockitoBean protected StockCatalog catalog;
  @MockitoBean protected PaymentAccounts accounts;
  @MockitoBean protected PaymentLedger ledger;
  @MockitoBean protected FaultControl faultControl;
  @MockitoBean protected OrderWorkflowGateway workflows;
  @MockitoBean protected OrderReadModel readModel;
  @MockitoBean protected RestIdempotencyKeys idempotencyKeys;
  @MockitoBean protected ReadModelConfig.ReadModelMigration migration;

  @BeforeEach
  void catalogKnowsTwoSkus() {
    when(catalog.list(any()))
        .thenAnswer(
            inv -> {
              Collection<String> skus = inv.getArgument(0);
              return skus.stream().filter(CATALOG::containsKey).map(CATALOG::get).toList();
            });
    when(idempotencyKeys.claim(anyString(), anyString(), anyString(), anyString()))
        .thenAnswer(inv -> new RestIdempotencyKeys.Claim(inv.getArgument(3), true, true));
  }

  /** 2 x SKU-1 at 1200 + 1 x SKU-2 at 800, paid 3200 from the balance. */
  protected static ObjectNode validOrder() {
    try {
      return (ObjectNode)
          JSON.readTree(
              """
              {
                "customerId": "cust-1",
                "lines": [{"sku": "SKU-1", "quantity": 2}, {"sku": "SKU-2", "quantity": 1}],
                "shippingAddress": {
                  "name": "Hanako Yamada", "postalCode": "100-0001", "region": "Tokyo",
                  "line1": "1-1 Chiyoda", "country": "JP"
                },
                "payment": {"sources": [{"type": "BALANCE", "amount": 3200}]}
              }
              """);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #validOrder()} paid 2000 from the balance, 500 in points and 700 by card. */
  protected static ObjectNode mixedOrder() {
    ObjectNode order = validOrder();
    ArrayNode sources = ((ObjectNode) order.get("payment")).putArray("sources");
    sources.addObject().put("type", "BALANCE").put("amount", 2000);
    sources.addObject().put("type", "POINTS").put("amount", 500);
    sources.addObject().put("type", "CARD").put("amount", 700).put("cardToken", "tok_ok");
    return order;
  }

  /** An order of {@code shopId} as the read model holds it. */
  protected static OrderView storedOrder(String orderId, String shopId, OrderStatus status) {
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    return new OrderView(
        orderId,
        shopId,
        "cust-1",
        status,
        status == OrderStatus.COMPLETED ? OrderStep.COMPLETED : OrderStep.REGISTER_SHIPPING,
        List.of(OrderStep.RESERVE_STOCK, OrderStep.AUTHORIZE_PAYMENT),
        2400,
        null,
        null,
        List.of(new OrderLine("SKU-1", 2, 1200)),
        List.of(leg("1", SourceType.BALANCE, 2400, LegState.AUTHORIZED)),
        null,
        3,
        at,
        at);
  }

  /**
   * A payment leg built through the record's canonical constructor by component name, any other
   * component null (or zero, false): the workflows module adds components to {@link PaymentLeg}
   * (such as the PSP's authorization id), and the API's fixtures must not break on that.
   */
  protected static PaymentLeg leg(String legId, SourceType type, long amount, LegState state) {
    Map<String, Object> known =
        Map.of("legId", legId, "type", type, "amount", amount, "state", state);
    RecordComponent[] components = PaymentLeg.class.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = known.getOrDefault(components[i].getName(), defaultValue(types[i]));
    }
    try {
      return PaymentLeg.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a PaymentLeg", e);
    }
  }

  private static Object defaultValue(Class<?> type) {
    return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
  }

  protected ResultActions postOrder(String key, String idempotencyKey, String body)
      throws Exception {
    var request =
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return mvc.perform(request);
  }

  /** Asserts an RFC 9457 problem with every member this API promises. */
  protected static void assertProblem(ResultActions result, int status) throws Exception {
    result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").isString())
        .andExpect(jsonPath("$.title").isString())
        .andExpect(jsonPath("$.status").value(status))
        .andExpect(jsonPath("$.detail").isString())
        .andExpect(jsonPath("$.instance").isString())
        .andExpect(jsonPath("$.trace").doesNotExist());
  }
}
