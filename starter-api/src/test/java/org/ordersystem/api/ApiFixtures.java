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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ordersystem.api.products.Product;
import org.ordersystem.api.products.StockCatalog;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.ordersystem.readmodel.StoredOrder;
import org.ordersystem.workflows.model.LegRefund;
import org.ordersystem.workflows.model.LegState;
import org.ordersystem.workflows.model.OrderLine;
import org.ordersystem.workflows.model.OrderStatus;
import org.ordersystem.workflows.model.OrderStep;
import org.ordersystem.workflows.model.OrderView;
import org.ordersystem.workflows.model.PaymentLeg;
import org.ordersystem.workflows.model.PendingInfo;
import org.ordersystem.workflows.model.RefundStatus;
import org.ordersystem.workflows.model.RefundView;
import org.ordersystem.workflows.model.SourceType;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * What the API's tests share whatever context they run in (the whole API or a web slice): the API
 * keys the tests call with, the two-SKU catalog, request bodies, orders as the read model holds
 * them and as their workflow answers, payment legs, refunds, and the check of a problem answer.
 * Static, so a test imports what it uses; the stubs take the mock they stub.
 */
public final class ApiFixtures {

  public static final String SHOP_KEY = "demo-shop-key";
  public static final String OPERATOR_KEY = "demo-operator-key";
  public static final String OTHER_SHOP_KEY = "other-shop-key";
  public static final String SHOP_ID = "demo-shop";

  /** The payload key of these tests: key id {@code test}, current. */
  public static final String PAYLOAD_KEY = "test:JNSLPiNmzTMiFYCH7pQ8hWSfUd+m3e1hOxgyGCQeeYA=";

  public static final ObjectMapper JSON = new ObjectMapper();
  public static final Map<String, Product> CATALOG =
      Map.of(
          "SKU-1", new Product("SKU-1", "Teapot", 1200, 500),
          "SKU-2", new Product("SKU-2", "Cup", 800, 500));

  /** 2 x SKU-1 at 1200 + 1 x SKU-2 at 800, paid 3200 from the balance. */
  public static ObjectNode validOrder() {
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
  public static ObjectNode mixedOrder() {
    ObjectNode order = validOrder();
    ArrayNode sources = ((ObjectNode) order.get("payment")).putArray("sources");
    sources.addObject().put("type", "BALANCE").put("amount", 2000);
    sources.addObject().put("type", "POINTS").put("amount", 500);
    sources.addObject().put("type", "CARD").put("amount", 700).put("cardToken", "tok_ok");
    return order;
  }

  /** An order of {@code shopId} as the read model holds it. */
  public static StoredOrder storedOrder(String orderId, String shopId, OrderStatus status) {
    return StoredOrder.of(orderView(orderId, shopId, status));
  }

  /** The same order as its workflow answers a query or an update. */
  public static OrderView orderView(String orderId, String shopId, OrderStatus status) {
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
   * A PENDING order of {@code shopId} as the read model holds it: stopped at {@code step} since
   * 2026-01-02T04:00:00Z after one retry budget; rollback is allowed before CAPTURE_PAYMENT.
   */
  public static StoredOrder pendingOrder(String orderId, String shopId, OrderStep step) {
    return StoredOrder.of(pendingView(orderId, shopId, step));
  }

  /** The same PENDING order as its workflow answers a query or an update. */
  public static OrderView pendingView(String orderId, String shopId, OrderStep step) {
    OrderView v = orderView(orderId, shopId, OrderStatus.PENDING);
    return new OrderView(
        v.orderId(),
        v.shopId(),
        v.customerId(),
        OrderStatus.PENDING,
        step,
        v.stepsDone(),
        v.total(),
        null,
        null,
        v.lines(),
        v.legs(),
        null,
        v.version(),
        v.createdAt(),
        Instant.parse("2026-01-02T04:00:00Z"),
        v.shipmentState(),
        0,
        new PendingInfo(
            step,
            "STEP_TIMED_OUT",
            step + " ran out of its retry budget: shipping UNAVAILABLE",
            Instant.parse("2026-01-02T04:00:00Z"),
            1,
            step.ordinal() < OrderStep.CAPTURE_PAYMENT.ordinal()));
  }

  /**
   * A payment leg built through the record's canonical constructor by component name, any other
   * component null (or zero, false): the workflows module adds components to {@link PaymentLeg}
   * (such as the PSP's authorization id), and the API's fixtures must not break on that.
   */
  public static PaymentLeg leg(String legId, SourceType type, long amount, LegState state) {
    return record(
        PaymentLeg.class, Map.of("legId", legId, "type", type, "amount", amount, "state", state));
  }

  /** A refund as the workflow reports it, built like {@link #leg} so new components are null. */
  public static RefundView refund(
      String orderId, String refundId, RefundStatus status, long amount) {
    return refund(orderId, refundId, status, amount, "Damaged");
  }

  /** {@link #refund(String, String, RefundStatus, long)} with its reason. */
  public static RefundView refund(
      String orderId, String refundId, RefundStatus status, long amount, String reason) {
    Instant at = Instant.parse("2026-01-03T00:00:00Z");
    Map<String, Object> known = new HashMap<>();
    known.put("refundId", refundId);
    known.put("orderId", orderId);
    known.put("status", status);
    known.put("amount", amount);
    known.put("lines", List.of());
    known.put("reason", reason);
    known.put("legRefunds", List.of(new LegRefund("1", SourceType.BALANCE, amount)));
    known.put("requestedAt", at);
    if (status == RefundStatus.COMPLETED) {
      known.put("completedAt", at.plusSeconds(1));
    }
    return record(RefundView.class, known);
  }

  /** A record through its canonical constructor by component name; the others null or zero. */
  public static <T extends Record> T record(Class<T> type, Map<String, Object> known) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = known.getOrDefault(components[i].getName(), defaultValue(types[i]));
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + type.getSimpleName(), e);
    }
  }

  private static Object defaultValue(Class<?> type) {
    return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
  }

  /** Makes {@code catalog} know {@link #CATALOG}'s two SKUs, for listing and for pricing. */
  public static void catalogKnowsTwoSkus(StockCatalog catalog) {
    when(catalog.list(any()))
        .thenAnswer(
            inv -> {
              Collection<String> skus = inv.getArgument(0);
              return skus.stream().filter(CATALOG::containsKey).map(CATALOG::get).toList();
            });
    when(catalog.forPricing(any()))
        .thenAnswer(
            inv -> {
              Collection<String> skus = inv.getArgument(0);
              return skus.stream()
                  .filter(CATALOG::containsKey)
                  .collect(Collectors.toMap(sku -> sku, CATALOG::get));
            });
  }

  /** Makes every Idempotency-Key claimed for the first time, for the order id it is offered. */
  public static void everyKeyIsNew(RestIdempotencyKeys idempotencyKeys) {
    when(idempotencyKeys.claim(anyString(), anyString(), anyString(), anyString()))
        .thenAnswer(inv -> new RestIdempotencyKeys.Claim(inv.getArgument(3), true, true));
  }

  /** Asserts an RFC 9457 problem with every member this API promises. */
  public static void assertProblem(ResultActions result, int status) throws Exception {
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

  private ApiFixtures() {}
}
