package org.ordersystem.api.config;

import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiTestSupport;

/** The OpenAPI document is served, unauthenticated, with the bearer scheme. */
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
        .andExpect(jsonPath("$.paths", hasKey("/api/v1/dev/faults/{service}")))
        .andExpect(jsonPath("$.components.securitySchemes.apiKey.type").value("http"))
        .andExpect(jsonPath("$.components.securitySchemes.apiKey.scheme").value("bearer"))
        .andExpect(jsonPath("$.security[0].apiKey").exists());
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
