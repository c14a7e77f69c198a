package org.ordersystem.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad requests get a problem+json answer and change nothing, checked on the running stack. */
class BadInputIntegrationTest {

  private static final String CUSTOMER = "cust-002";

  private final ApiClient shop = RunningStack.shop();
  private final ApiClient operator = RunningStack.operator();

  @Test
  void shouldAnswerEveryBadOrderWithAProblemAndWriteNothing() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String good = Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price);
    long stockBefore = Catalog.available(shop, Catalog.PLENTIFUL_SKU);
    long balanceBefore = Catalog.balance(operator, CUSTOMER);
    int ordersBefore = orderCount();

    assertProblem(shop.post("/api/v1/orders", Orders.newKey(), "{not json"), 400);
    assertProblem(
        shop.post("/api/v1/orders", Orders.newKey(), Orders.body(CUSTOMER, "NO-SUCH-SKU", 1, 100)),
        400,
        422);
    assertProblem(
        shop.post(
            "/api/v1/orders", Orders.newKey(), Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 0, 0)),
        400);
    assertProblem(
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price + 1)),
        400,
        422);
    assertProblem(
        shop.post(
            "/api/v1/orders",
            Orders.newKey(),
            Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 1, -price)),
        400);
    assertProblem(
        shop.post("/api/v1/orders", Orders.newKey(), good.replace("\"region\":\"Tokyo\",", "")),
        400);
    assertProblem(shop.post("/api/v1/orders", null, good), 400);
    assertProblem(
        shop.post("/api/v1/orders", Orders.newKey(), good.replace("Hanako", "x".repeat(70_000))),
        413);

    assertThat(Catalog.available(shop, Catalog.PLENTIFUL_SKU)).isEqualTo(stockBefore);
    assertThat(Catalog.balance(operator, CUSTOMER)).isEqualTo(balanceBefore);
    assertThat(orderCount()).isEqualTo(ordersBefore);
  }

  @Test
  void shouldRefuseAnIdempotencyKeyReusedWithAnotherBody() {
    long price = Catalog.unitPrice(shop, Catalog.PLENTIFUL_SKU);
    String key = Orders.newKey();
    shop.post("/api/v1/orders", key, Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 1, price));

    assertProblem(
        shop.post(
            "/api/v1/orders", key, Orders.body(CUSTOMER, Catalog.PLENTIFUL_SKU, 2, 2 * price)),
        422);
  }

  @Test
  void shouldAskForAKeyAndTheRightRole() {
    assertProblem(shop.withKey(null).get("/api/v1/products"), 401);
    assertProblem(shop.withKey("not-a-key").get("/api/v1/products"), 401);
    assertProblem(shop.get("/api/v1/ops/customers"), 403);
    assertProblem(shop.get("/api/v1/orders/no-such-order"), 404);
    assertThat(operator.get("/api/v1/ops/customers").status()).isEqualTo(200);
  }

  private int orderCount() {
    return shop.get("/api/v1/orders?customerId=" + CUSTOMER + "&pageSize=100")
        .body()
        .path("items")
        .size();
  }

  private static void assertProblem(ApiClient.Answer answer, Integer... statuses) {
    assertThat(answer.status()).as(String.valueOf(answer.body())).isIn((Object[]) statuses);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }
}
