package org.ordersystem.api.orders;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.ordersystem.api.ApiFixtures.JSON;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.ordersystem.api.ApiFixtures.mixedOrder;
import static org.ordersystem.api.ApiFixtures.validOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ordersystem.api.grpc.DownstreamException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Every bad POST /orders gets its problem, lists its field errors, and writes nothing. */
class PlaceOrderValidationTest extends OrderSliceSupport {

  @AfterEach
  void nothingWasWritten() {
    verifyNoInteractions(idempotencyKeys, workflows);
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        bad("missing customerId", o -> o.remove("customerId"), "customerId"),
        bad("blank customerId", o -> o.put("customerId", "  "), "customerId"),
        bad("customerId too long", o -> o.put("customerId", "c".repeat(65)), "customerId"),
        bad("customerId not a string", o -> o.put("customerId", 42), "customerId"),
        bad("missing lines", o -> o.remove("lines"), "lines"),
        bad("empty lines", o -> o.putArray("lines"), "lines"),
        bad("more than 100 lines", o -> o.set("lines", lines(101)), "lines"),
        bad(
            "line not an object",
            o -> lines(o).set(0, JSON.getNodeFactory().textNode("x")),
            "lines[0]"),
        bad("missing sku", o -> line(o, 0).remove("sku"), "lines[0].sku"),
        bad("sku with spaces", o -> line(o, 0).put("sku", "SKU 1"), "lines[0].sku"),
        bad("unknown sku", o -> line(o, 1).put("sku", "NOPE-9"), "lines[1].sku"),
        bad("duplicate sku", o -> line(o, 1).put("sku", "SKU-1"), "lines[1].sku"),
        bad("quantity 0", o -> line(o, 0).put("quantity", 0), "lines[0].quantity"),
        bad("negative quantity", o -> line(o, 0).put("quantity", -3), "lines[0].quantity"),
        bad("absurd quantity", o -> line(o, 0).put("quantity", 1001), "lines[0].quantity"),
        bad("fractional quantity", o -> line(o, 0).put("quantity", 1.5), "lines[0].quantity"),
        bad("quantity as string", o -> line(o, 0).put("quantity", "2"), "lines[0].quantity"),
        bad("missing quantity", o -> line(o, 0).remove("quantity"), "lines[0].quantity"),
        bad("missing address", o -> o.remove("shippingAddress"), "shippingAddress"),
        bad("missing name", o -> address(o).remove("name"), "shippingAddress.name"),
        bad("blank name", o -> address(o).put("name", ""), "shippingAddress.name"),
        bad("name too long", o -> address(o).put("name", "n".repeat(101)), "shippingAddress.name"),
        bad(
            "missing postalCode",
            o -> address(o).remove("postalCode"),
            "shippingAddress.postalCode"),
        bad("missing region", o -> address(o).remove("region"), "shippingAddress.region"),
        bad("missing line1", o -> address(o).remove("line1"), "shippingAddress.line1"),
        bad("control character", o -> address(o).put("line1", "a\u0000b"), "shippingAddress.line1"),
        bad(
            "line2 too long",
            o -> address(o).put("line2", "l".repeat(201)),
            "shippingAddress.line2"),
        bad("missing country", o -> address(o).remove("country"), "shippingAddress.country"),
        bad("country not ISO", o -> address(o).put("country", "Japan"), "shippingAddress.country"),
        bad("missing payment", o -> o.remove("payment"), "payment"),
        bad("no sources", o -> payment(o).putArray("sources"), "payment.sources"),
        bad(
            "unknown source type",
            o -> source(o, 0).put("type", "BITCOIN"),
            "payment.sources[0].type"),
        bad("missing amount", o -> source(o, 0).remove("amount"), "payment.sources[0].amount"),
        bad("zero amount", o -> source(o, 0).put("amount", 0), "payment.sources[0].amount"),
        bad("negative amount", o -> source(o, 0).put("amount", -3200), "payment.sources[0].amount"),
        bad("sources short of the total", o -> source(o, 0).put("amount", 3199), "payment.sources"),
        bad(
            "card without token",
            o -> source(o, 0).put("type", "CARD"),
            "payment.sources[0].cardToken"),
        bad(
            "blank card token",
            o -> source(o, 0).put("type", "CARD").put("cardToken", " "),
            "payment.sources[0].cardToken"),
        bad(
            "card token too long",
            o -> source(o, 0).put("type", "CARD").put("cardToken", "t".repeat(65)),
            "payment.sources[0].cardToken"),
        bad(
            "card token with a space",
            o -> source(o, 0).put("type", "CARD").put("cardToken", "tok ok"),
            "payment.sources[0].cardToken"),
        bad(
            "card token not a string",
            o -> source(o, 0).put("type", "CARD").put("cardToken", 42),
            "payment.sources[0].cardToken"),
        bad(
            "token on balance",
            o -> source(o, 0).put("cardToken", "tok"),
            "payment.sources[0].cardToken"),
        bad(
            "token on points",
            o -> source(o, 0).put("type", "POINTS").put("cardToken", "tok_ok"),
            "payment.sources[0].cardToken"),
        bad(
            "more sources than types",
            o ->
                sources(o)
                    .add(source(o, 0).deepCopy())
                    .add(source(o, 0).deepCopy())
                    .add(source(o, 0).deepCopy()),
            "payment.sources"),
        bad("unknown field", o -> o.put("coupon", "FREE"), "coupon"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void shouldRefuseInvalidBodyWithFieldError(String name, Consumer<ObjectNode> change, String field)
      throws Exception {
    ObjectNode body = validOrder();
    change.accept(body);

    ResultActions result = postOrder(SHOP_KEY, "key-1", body.toString());

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:validation"))
        .andExpect(jsonPath("$.instance").value("/api/v1/orders"))
        .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
  }

  @Test
  void shouldListEveryFieldErrorAtOnce() throws Exception {
    ObjectNode body = validOrder();
    line(body, 0).put("quantity", 0);
    line(body, 1).put("sku", "NOPE-9");
    address(body).put("name", " ");
    address(body).put("country", "jp");
    source(body, 0).put("amount", -1);

    postOrder(SHOP_KEY, null, body.toString())
        .andExpect(
            jsonPath(
                "$.errors[*].field",
                hasItems(
                    "Idempotency-Key",
                    "lines[0].quantity",
                    "lines[1].sku",
                    "shippingAddress.name",
                    "shippingAddress.country",
                    "payment.sources[0].amount")));
  }

  @Test
  void shouldStillLookUpTheSkuOfALineWhoseQuantityIsInvalid() throws Exception {
    ObjectNode body = validOrder();
    line(body, 0).put("sku", "NOPE-9").put("quantity", 0);

    postOrder(SHOP_KEY, "key-1", body.toString())
        .andExpect(
            jsonPath("$.errors[*].field", containsInAnyOrder("lines[0].quantity", "lines[0].sku")))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'lines[0].sku')].message")
                .value(hasItem("unknown sku NOPE-9")));
  }

  @Test
  void shouldSayTheExpectedTotalWhenSourcesDoNotAddUp() throws Exception {
    ObjectNode body = validOrder();
    source(body, 0).put("amount", 1000);

    postOrder(SHOP_KEY, "key-1", body.toString())
        .andExpect(jsonPath("$.errors[0].field").value("payment.sources"))
        .andExpect(jsonPath("$.errors[0].message", containsString("3200")));
  }

  @Test
  void shouldRequireIdempotencyKey() throws Exception {
    assertProblem(postOrder(SHOP_KEY, null, validOrder().toString()), 400);
    postOrder(SHOP_KEY, null, validOrder().toString())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
  }

  @Test
  void shouldRefuseOverlongOrNonPrintableIdempotencyKey() throws Exception {
    postOrder(SHOP_KEY, "k".repeat(256), validOrder().toString())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    postOrder(SHOP_KEY, "caf\u00e9", validOrder().toString())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
  }

  @Test
  void shouldRefuseMalformedJson() throws Exception {
    ResultActions result = postOrder(SHOP_KEY, "key-1", "{\"customerId\": ");
    assertProblem(result, 400);
    result.andExpect(jsonPath("$.errors[0].field").value("body"));
  }

  @Test
  void shouldRefuseDuplicateJsonKeys() throws Exception {
    assertProblem(postOrder(SHOP_KEY, "key-1", "{\"customerId\":\"a\",\"customerId\":\"b\"}"), 400);
  }

  @Test
  void shouldRefuseBodyThatIsNotAnObject() throws Exception {
    postOrder(SHOP_KEY, "key-1", "[1, 2]").andExpect(jsonPath("$.errors[0].field").value("body"));
  }

  @Test
  void shouldRefuseMissingBody() throws Exception {
    assertProblem(postOrder(SHOP_KEY, "key-1", ""), 400);
  }

  @Test
  void shouldRefuseNonJsonContentType() throws Exception {
    assertProblem(
        mvc.perform(
            post("/api/v1/orders")
                .header("Authorization", "Bearer " + SHOP_KEY)
                .header("Idempotency-Key", "key-1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("customerId=x")),
        415);
  }

  static Stream<Arguments> invalidMixedSources() {
    return Stream.of(
        bad(
            "card without token",
            o -> source(o, 2).remove("cardToken"),
            "payment.sources[2].cardToken"),
        bad(
            "token on balance",
            o -> source(o, 0).put("cardToken", "tok_ok"),
            "payment.sources[0].cardToken"),
        bad("unknown type", o -> source(o, 1).put("type", "VOUCHER"), "payment.sources[1].type"),
        bad("lower-case type", o -> source(o, 1).put("type", "points"), "payment.sources[1].type"),
        bad(
            "two balance sources",
            o -> source(o, 1).put("type", "BALANCE"),
            "payment.sources[1].type"),
        bad(
            "two card sources",
            o -> source(o, 0).put("type", "CARD").put("cardToken", "tok_ok"),
            "payment.sources[2].type"),
        bad("zero points", o -> source(o, 1).put("amount", 0), "payment.sources[1].amount"),
        bad("sum one yen short", o -> source(o, 2).put("amount", 699), "payment.sources"),
        bad("sum one yen over", o -> source(o, 1).put("amount", 501), "payment.sources"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMixedSources")
  void shouldRefuseInvalidMixedSourcesWithFieldError(
      String name, Consumer<ObjectNode> change, String field) throws Exception {
    ObjectNode body = mixedOrder();
    change.accept(body);

    ResultActions result = postOrder(SHOP_KEY, "key-1", body.toString());

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:validation"))
        .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
  }

  @Test
  void shouldSayBothSumsWhenThreeSourcesDoNotAddUp() throws Exception {
    ObjectNode body = mixedOrder();
    source(body, 0).put("amount", 1999);

    ResultActions result = postOrder(SHOP_KEY, "key-1", body.toString());

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.errors.length()").value(1))
        .andExpect(jsonPath("$.errors[0].field").value("payment.sources"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("amounts add up to 3199 JPY but the order total is 3200 JPY"));
  }

  @Test
  void shouldReportOnlyTheTypeWhenAnUnknownTypeCarriesAToken() throws Exception {
    ObjectNode body = mixedOrder();
    source(body, 2).put("type", "WALLET");

    postOrder(SHOP_KEY, "key-1", body.toString())
        .andExpect(jsonPath("$.errors.length()").value(1))
        .andExpect(jsonPath("$.errors[0].field").value("payment.sources[2].type"))
        .andExpect(jsonPath("$.errors[0].message").value("must be one of BALANCE, POINTS, CARD"));
  }

  @Test
  void shouldListEveryPaymentErrorOfMixedSourcesAtOnce() throws Exception {
    ObjectNode body = mixedOrder();
    source(body, 0).put("cardToken", "tok_ok");
    source(body, 1).put("type", "BALANCE");
    source(body, 2).remove("cardToken");

    postOrder(SHOP_KEY, "key-1", body.toString())
        .andExpect(
            jsonPath(
                "$.errors[*].field",
                containsInAnyOrder(
                    "payment.sources[0].cardToken",
                    "payment.sources[1].type",
                    "payment.sources[2].cardToken")));
  }

  @Test
  void shouldRefuseBodyOverTheLimitWith413() throws Exception {
    ObjectNode body = validOrder();
    address(body).put("line2", "x".repeat(5000));

    assertProblem(postOrder(SHOP_KEY, "key-1", body.toString()), 413);
  }

  @Test
  void shouldAnswer503WhenTheCatalogIsUnavailable() throws Exception {
    doThrow(new DownstreamException("stock", Status.UNAVAILABLE.asRuntimeException()))
        .when(catalog)
        .forPricing(any());

    ResultActions result = postOrder(SHOP_KEY, "key-1", validOrder().toString());

    assertProblem(result, 503);
    result.andExpect(header().exists("Retry-After"));
  }

  @Test
  void shouldStillReportFieldErrorsWhenTheCatalogIsUnavailable() throws Exception {
    doThrow(new DownstreamException("stock", Status.UNAVAILABLE.asRuntimeException()))
        .when(catalog)
        .forPricing(any());
    ObjectNode body = validOrder();
    line(body, 0).put("quantity", 0);

    assertProblem(postOrder(SHOP_KEY, "key-1", body.toString()), 400);
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change, String field) {
    return Arguments.of(name, change, field);
  }

  private static ArrayNode lines(ObjectNode o) {
    return (ArrayNode) o.get("lines");
  }

  private static ArrayNode lines(int count) {
    ArrayNode lines = JSON.createArrayNode();
    for (int i = 0; i < count; i++) {
      lines.addObject().put("sku", "SKU-" + i).put("quantity", 1);
    }
    return lines;
  }

  private static ObjectNode line(ObjectNode o, int i) {
    return (ObjectNode) o.get("lines").get(i);
  }

  private static ObjectNode address(ObjectNode o) {
    return (ObjectNode) o.get("shippingAddress");
  }

  private static ObjectNode payment(ObjectNode o) {
    return (ObjectNode) o.get("payment");
  }

  private static ArrayNode sources(ObjectNode o) {
    return (ArrayNode) o.get("payment").get("sources");
  }

  private static ObjectNode source(ObjectNode o, int i) {
    return (ObjectNode) o.get("payment").get("sources").get(i);
  }
}
