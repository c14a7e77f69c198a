package org.ordersystem.api.config;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The document is the contract Schemathesis holds the API to (dev/contract-check): every status an
 * operation answers, with the problem schema; nulls where the API writes them; required headers
 * required; bounds taken from the request records. On the whole API: springdoc builds the document
 * from every controller the application has, and a slice would leave operations out of it.
 */
class OpenApiContractTest extends ApiTestSupport {

  private static final String PROBLEM = "#/components/schemas/Problem";
  private static final String PLACE = "$.paths['/api/v1/orders'].post";

  @Test
  void shouldDocumentEveryStatusOfPlacingAnOrderWithTheProblemSchema() throws Exception {
    ResultActions result = mvc.perform(get("/v3/api-docs"));
    for (String status :
        List.of(
            "200", "201", "202", "400", "401", "403", "413", "415", "422", "429", "500", "502",
            "503")) {
      result.andExpect(jsonPath(PLACE + ".responses", hasKey(status)));
    }
    result
        .andExpect(
            jsonPath(PLACE + ".responses['400'].content['application/problem+json'].schema.$ref")
                .value(PROBLEM))
        .andExpect(
            jsonPath(PLACE + ".responses['429'].content['application/problem+json'].schema.$ref")
                .value(PROBLEM))
        .andExpect(jsonPath("$.components.schemas", not(hasKey("ProblemDetail"))));
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target/api-docs.json"), result.andReturn().getResponse().getContentAsString());
  }

  @Test
  void shouldDocumentTheIdempotencyKeyAsRequired() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath(PLACE + ".parameters[?(@.name == 'Idempotency-Key')].required")
                .value(hasItem(true)))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/orders/{orderId}/refunds'].post.parameters[?(@.name =="
                        + " 'Idempotency-Key')].required")
                .value(hasItem(true)));
  }

  @Test
  void shouldDocumentOnlyTheStatusesAnOperationCanAnswer() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        // No body, no query, no role: a shop's catalog cannot be refused as invalid or forbidden.
        .andExpect(jsonPath("$.paths['/api/v1/products'].get.responses", not(hasKey("400"))))
        .andExpect(jsonPath("$.paths['/api/v1/products'].get.responses", not(hasKey("403"))))
        .andExpect(jsonPath("$.paths['/api/v1/products'].get.responses", not(hasKey("404"))))
        // Operator-only operations say 403; only those calling a service say 502.
        .andExpect(jsonPath("$.paths['/api/v1/ops/ledger'].get.responses", hasKey("403")))
        .andExpect(jsonPath("$.paths['/api/v1/ops/ledger'].get.responses", hasKey("502")))
        .andExpect(
            jsonPath("$.paths['/api/v1/orders/{orderId}'].get.responses", not(hasKey("502"))))
        // The SLOs are computed in memory: nothing to be unavailable.
        .andExpect(jsonPath("$.paths['/api/v1/ops/slo'].get.responses", not(hasKey("503"))))
        // A reconciliation run still going is a 202.
        .andExpect(
            jsonPath("$.paths['/api/v1/ops/reconciliation/runs'].post.responses", hasKey("202")));
  }

  @Test
  void shouldTakeTheBodyBoundsFromTheRequestRecords() throws Exception {
    String body = "$.components.schemas.PlaceOrderBody";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath(body + ".required")
                .value(containsInAnyOrder("customerId", "lines", "shippingAddress", "payment")))
        .andExpect(jsonPath(body + ".properties.customerId.maxLength").value(64))
        .andExpect(jsonPath(body + ".properties.customerId.pattern").value("^[A-Za-z0-9._:@-]+$"))
        .andExpect(jsonPath(body + ".properties.lines.maxItems").value(100))
        .andExpect(
            jsonPath("$.components.schemas.PaymentSourceRequest.required")
                .value(containsInAnyOrder("type", "amount")))
        .andExpect(
            jsonPath("$.components.schemas.PaymentSourceRequest.properties.amount.maximum")
                .value(1_000_000_000_000L));
  }

  @Test
  void shouldLetOptionalResponseFieldsBeNull() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.reason.type")
                .value(hasItems("string", "null")))
        .andExpect(
            jsonPath("$.components.schemas.Leg.properties.pspAuthorizationId.type")
                .value(hasItems("string", "null")))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.pending.anyOf[0].$ref")
                .value("#/components/schemas/Pending"))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.pending.anyOf[0].type")
                .doesNotExist())
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.pending.anyOf[1].type")
                .value("null"))
        // A Java primitive is never null.
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.refundedAmount.type")
                .value("integer"))
        .andExpect(
            jsonPath(
                "$.components.schemas.OrderResponse.properties.refundedAmount",
                not(hasKey("x-never-null"))));
  }

  @Test
  void shouldHideTheCodecServer() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(jsonPath("$.paths", not(hasKey("/codec/decode"))))
        .andExpect(jsonPath("$.paths", not(hasKey("/codec/encode"))));
  }
}
