package org.ordersystem.api.refunds;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.ordersystem.api.ApiFixtures.SHOP_KEY;
import static org.ordersystem.api.ApiFixtures.assertProblem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/** Every malformed refund request gets a 400 listing its field errors; nothing reaches Temporal. */
class RefundValidationTest extends RefundSliceSupport {

  private static final String PATH = "/api/v1/orders/o-1/refunds";

  @AfterEach
  void nothingWasSent() {
    verifyNoInteractions(updates, workflows);
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        bad(
            "both amount and lines",
            "{\"amount\": 1, " + lines("SKU-1", 1) + ", " + reason() + "}",
            "amount"),
        bad("neither amount nor lines", "{" + reason() + "}", "amount"),
        bad("amount 0", "{\"amount\": 0, " + reason() + "}", "amount"),
        bad("negative amount", "{\"amount\": -500, " + reason() + "}", "amount"),
        bad("fractional amount", "{\"amount\": 1.5, " + reason() + "}", "amount"),
        bad("amount as string", "{\"amount\": \"500\", " + reason() + "}", "amount"),
        bad("quantity 0", "{" + lines("SKU-1", 0) + ", " + reason() + "}", "lines[0].quantity"),
        bad(
            "negative quantity",
            "{" + lines("SKU-1", -1) + ", " + reason() + "}",
            "lines[0].quantity"),
        bad(
            "duplicate sku",
            "{\"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 1}, {\"sku\": \"SKU-1\", \"quantity\":"
                + " 2}],"
                + reason()
                + "}",
            "lines[1].sku"),
        bad("empty lines", "{\"lines\": [], " + reason() + "}", "lines"),
        bad("lines not an array", "{\"lines\": {}, " + reason() + "}", "lines"),
        bad("sku with spaces", "{" + lines("SKU 1", 1) + ", " + reason() + "}", "lines[0].sku"),
        bad("missing sku", "{\"lines\": [{\"quantity\": 1}], " + reason() + "}", "lines[0].sku"),
        bad("missing reason", "{\"amount\": 500}", "reason"),
        bad("blank reason", "{\"amount\": 500, \"reason\": \"  \"}", "reason"),
        bad(
            "reason over 500 characters",
            "{\"amount\": 500, \"reason\": \"" + "r".repeat(501) + "\"}",
            "reason"),
        bad("reason not a string", "{\"amount\": 500, \"reason\": 7}", "reason"),
        bad(
            "unknown field",
            "{\"amount\": 500, " + reason() + ", \"currency\": \"JPY\"}",
            "currency"),
        bad("not an object", "[1]", "body"),
        bad("malformed JSON", "{\"amount\": ", "body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void shouldRefuseInvalidBodyWithFieldError(String name, String body, String field)
      throws Exception {
    ResultActions result = refund(SHOP_KEY, "key-1", body);

    assertProblem(result, 400);
    result
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:validation"))
        .andExpect(jsonPath("$.instance").value(PATH))
        .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
  }

  @Test
  void shouldRequireAnIdempotencyKey() throws Exception {
    ResultActions result = refund(SHOP_KEY, null, "{\"amount\": 500, " + reason() + "}");

    assertProblem(result, 400);
    result.andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
  }

  @Test
  void shouldRefuseAMalformedIdempotencyKey() throws Exception {
    assertProblem(refund(SHOP_KEY, "k".repeat(256), "{\"amount\": 500, " + reason() + "}"), 400);
    assertProblem(refund(SHOP_KEY, "caf\u00e9", "{\"amount\": 500, " + reason() + "}"), 400);
  }

  @Test
  void shouldListEveryErrorAtOnce() throws Exception {
    refund(SHOP_KEY, null, "{" + lines("SKU-1", 0) + "}")
        .andExpect(
            jsonPath(
                "$.errors[*].field", hasItems("Idempotency-Key", "lines[0].quantity", "reason")));
  }

  @Test
  void shouldRefuseANonJsonBody() throws Exception {
    assertProblem(
        perform(
            SHOP_KEY,
            post(PATH)
                .header("Idempotency-Key", "key-1")
                .contentType(MediaType.TEXT_PLAIN)
                .content("amount=5")),
        415);
  }

  private static Arguments bad(String name, String body, String field) {
    return Arguments.of(name, body, field);
  }

  private static String lines(String sku, int quantity) {
    return "\"lines\": [{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}]";
  }

  private static String reason() {
    return "\"reason\": \"Damaged\"";
  }

  private ResultActions refund(String key, String idempotencyKey, String body) throws Exception {
    var request = post(PATH).contentType(MediaType.APPLICATION_JSON).content(body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return perform(key, request);
  }
}
