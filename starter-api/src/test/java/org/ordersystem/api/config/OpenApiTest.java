package org.ordersystem.api.config;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;
import org.ordersystem.api.dev.FaultControl.Service;

/**
 * The OpenAPI document is served, unauthenticated, with the bearer scheme and the API's shapes. On
 * the whole API: springdoc builds the document from every controller the application has.
 */
class OpenApiTest extends ApiTestSupport {

  @Test
  void shouldServeTheOpenApiDocumentWithTheBearerScheme() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").exists())
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/orders")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/orders/{orderId}")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/products")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/ops/customers")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/ops/customers/{customerId}/accounts")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/ops/ledger")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/dev/faults/{service}")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/orders/{orderId}/cancel")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/orders/{orderId}/refunds")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/orders/{orderId}/refunds/{refundId}")))
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/ops/shipments/{orderId}/advance")))
        .andExpect(jsonPath("$.components.securitySchemes.apiKey.type").value("http"))
        .andExpect(jsonPath("$.components.securitySchemes.apiKey.scheme").value("bearer"))
        .andExpect(jsonPath("$.security[0].apiKey").exists());
  }

  @Test
  void shouldDescribeThePaymentSourcesOfAnOrder() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/orders'].post.requestBody.content['application/json']"
                        + ".schema.$ref")
                .value("#/components/schemas/PlaceOrderBody"))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/orders'].post.requestBody.content['application/json']"
                        + ".examples.balancePointsAndCard.value.payment.sources[2].cardToken")
                .value("tok_ok"))
        .andExpect(
            jsonPath(
                "$.components.schemas.PaymentSourceRequest.properties.type.enum",
                contains("BALANCE", "POINTS", "CARD")))
        .andExpect(
            jsonPath("$.components.schemas.PaymentSourceRequest.properties.cardToken.maxLength")
                .value(64))
        .andExpect(
            jsonPath("$.components.schemas.PaymentRequest.properties.sources.maxItems").value(3))
        .andExpect(jsonPath("$.components.schemas.Leg.properties.state").exists());
  }

  @Test
  void shouldDescribeAccountsLedgerAndEveryFaultTarget() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.components.schemas.AccountBalances.properties.points.anyOf[0].$ref")
                .value("#/components/schemas/Amounts"))
        .andExpect(jsonPath("$.components.schemas.Amounts.properties", hasKey("available")))
        .andExpect(jsonPath("$.components.schemas.CustomerAccount.properties", hasKey("points")))
        .andExpect(jsonPath("$.components.schemas.LedgerCheck.properties", hasKey("balanced")))
        .andExpect(
            jsonPath(
                "$.paths['/api/v1/dev/faults/{service}'].get.parameters[0].schema.enum",
                contains(
                    Arrays.stream(Service.values()).map(Service::pathName).toArray(String[]::new))))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/dev/faults/{service}'].put.requestBody.content"
                        + "['application/json'].schema.$ref")
                .value("#/components/schemas/FaultsBody"));
  }

  @Test
  void shouldDescribeRefundsCancelAndShipments() throws Exception {
    String refunds = "$.paths['/api/v1/orders/{orderId}/refunds']";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath(refunds + ".post.requestBody.content['application/json'].schema.$ref")
                .value("#/components/schemas/RefundRequestBody"))
        .andExpect(
            jsonPath(refunds + ".post.parameters[?(@.name == 'Idempotency-Key')].required")
                .value(contains(true)))
        .andExpect(jsonPath(refunds + ".post.responses", hasKey("201")))
        .andExpect(jsonPath(refunds + ".post.responses", hasKey("202")))
        .andExpect(jsonPath(refunds + ".post.responses", hasKey("409")))
        .andExpect(jsonPath(refunds + ".post.responses", hasKey("422")))
        .andExpect(
            jsonPath(refunds + ".post.responses['201'].content['*/*'].schema.$ref")
                .value("#/components/schemas/Refund"))
        .andExpect(jsonPath("$.components.schemas.RefundRequestBody.required", contains("reason")))
        .andExpect(
            jsonPath("$.components.schemas.RefundLineRequest.properties.quantity.minimum").value(1))
        .andExpect(jsonPath("$.components.schemas.Refund.properties", hasKey("legRefunds")))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties", hasKey("shipmentState")))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties", hasKey("refundedAmount")))
        .andExpect(
            jsonPath("$.paths['/api/v1/orders/{orderId}/cancel'].post.responses", hasKey("409")))
        .andExpect(
            jsonPath(
                "$.components.schemas.AdvanceShipmentBody.properties.state.enum",
                contains("DISPATCHED", "DELIVERED")));
  }

  @Test
  void shouldDescribePendingOrdersAndRecovery() throws Exception {
    String retry = "$.paths['/api/v1/ops/orders/{orderId}/retry'].post";
    String rollback = "$.paths['/api/v1/ops/orders/{orderId}/rollback'].post";
    String sweeps = "$.paths['/api/v1/ops/recovery/sweeps']";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.paths['/api/v1/ops/orders'].get.parameters[*].name")
                .value(contains("status", "limit", "pageToken")))
        .andExpect(jsonPath(retry + ".responses", hasKey("202")))
        .andExpect(jsonPath(retry + ".responses", hasKey("409")))
        .andExpect(
            jsonPath(retry + ".requestBody.content['application/json'].schema.$ref")
                .value("#/components/schemas/RecoveryNoteBody"))
        .andExpect(jsonPath(rollback + ".responses", hasKey("409")))
        .andExpect(
            jsonPath("$.components.schemas.RecoveryNoteBody.properties.note.maxLength").value(500))
        .andExpect(jsonPath(sweeps + ".post.responses", hasKey("200")))
        .andExpect(jsonPath(sweeps + ".post.responses", hasKey("202")))
        .andExpect(
            jsonPath(sweeps + ".post.responses['200'].content['application/json'].schema.$ref")
                .value("#/components/schemas/Sweep"))
        .andExpect(
            jsonPath(
                    "$.paths['/api/v1/ops/recovery/sweeps/{sweepId}'].get.responses['202']"
                        + ".content['application/json'].schema.$ref")
                .value("#/components/schemas/SweepInProgress"))
        .andExpect(
            jsonPath(
                "$.paths['/api/v1/ops/recovery/sweeps/{sweepId}'].get.responses", hasKey("404")))
        .andExpect(
            jsonPath("$.components.schemas.OrderResponse.properties.pending.anyOf[0].$ref")
                .value("#/components/schemas/Pending"))
        .andExpect(jsonPath("$.components.schemas.Pending.properties", hasKey("rollbackAllowed")))
        .andExpect(jsonPath("$.components.schemas.SweepItem.properties", hasKey("decision")));
  }

  @Test
  void shouldDescribeTheShedAnswerOfAnOrderPlacement() throws Exception {
    String shed = "$.paths['/api/v1/orders'].post.responses['429']";
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath(shed + ".content['application/problem+json'].schema.$ref")
                .value("#/components/schemas/Problem"))
        .andExpect(jsonPath(shed + ".headers['Retry-After'].schema.type").value("integer"))
        .andExpect(jsonPath(shed + ".headers['Retry-After'].schema.minimum").value(1))
        .andExpect(jsonPath("$.paths['/api/v1/orders'].post.responses", hasKey("201")))
        .andExpect(jsonPath("$.paths['/api/v1/orders'].post.responses", hasKey("202")))
        .andExpect(jsonPath("$.components.schemas.Problem.properties", hasKey("type")));
  }

  @Test
  void shouldServeSwaggerUi() throws Exception {
    mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
  }

  @Test
  void shouldNotListTheCallerAsARequestParameter() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(
            jsonPath("$.paths['/api/v1/orders'].get.parameters[?(@.name == 'caller')]").isEmpty());
  }
}
