package org.ordersystem.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The requests the API's tests send, with an API key, through the {@link MockMvc} of whatever
 * context the test runs in: {@link ApiTestSupport} (the whole API) or an area's web slice.
 */
public abstract class ApiRequests {

  @Autowired protected MockMvc mvc;

  /** POST /api/v1/orders with the API key {@code key} and the Idempotency-Key (none when null). */
  protected ResultActions postOrder(String key, String idempotencyKey, String body)
      throws Exception {
    var request =
        MockMvcRequestBuilders.post("/api/v1/orders")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return perform(key, request);
  }

  /** A request with the API key {@code key} (none when null). */
  protected ResultActions perform(String key, MockHttpServletRequestBuilder request)
      throws Exception {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return mvc.perform(request);
  }
}
