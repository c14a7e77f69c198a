package org.ordersystem.api.ops.reconciliation;

import static org.hamcrest.Matchers.contains;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The resolve body as a typed record, in the reconciliation slice with the stores mocked: every
 * field error in one answer, unknown fields refused, and nothing reaches the store for a refused
 * body.
 */
class ResolveMismatchBodyTest extends ReconciliationSliceSupport {

  @Test
  void shouldListEveryFieldErrorAtOnce() throws Exception {
    refused(resolve("{\"note\": \"  \", \"resolvedBy\": \"" + "x".repeat(129) + "\"}"))
        .andExpect(jsonPath("$.detail").value("2 fields are invalid"))
        .andExpect(jsonPath("$.errors[*].field", contains("note", "resolvedBy")))
        .andExpect(
            jsonPath(
                "$.errors[*].message",
                contains("must not be blank", "must be at most 128 characters")));
    verifyNoInteractions(stores, runs);
  }

  @Test
  void shouldRequireTheNote() throws Exception {
    refused(resolve("{\"resolvedBy\": \"hanako\"}"))
        .andExpect(jsonPath("$.errors[*].field", contains("note")))
        .andExpect(jsonPath("$.errors[0].message").value("is required"));
    verifyNoInteractions(stores, runs);
  }

  @Test
  void shouldRefuseAnUnknownField() throws Exception {
    refused(resolve("{\"note\": \"refunded by hand\", \"resolved\": true}"))
        .andExpect(jsonPath("$.errors[*].field", contains("resolved")));
    verifyNoInteractions(stores, runs);
  }

  @Test
  void shouldRefuseControlCharactersAndANumberForText() throws Exception {
    refused(resolve("{\"note\": \"a\\u0007b\"}"))
        .andExpect(jsonPath("$.errors[0].message").value("must not contain control characters"));
    refused(resolve("{\"note\": 42}"))
        .andExpect(jsonPath("$.errors[0].field").value("note"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a string"));
    verifyNoInteractions(stores, runs);
  }

  @Test
  void shouldRefuseAMissingOrMalformedBody() throws Exception {
    refused(resolve("")).andExpect(jsonPath("$.errors[0].field").value("body"));
    refused(resolve("{\"note\": ")).andExpect(jsonPath("$.errors[0].field").value("body"));
    refused(resolve("[\"note\"]"))
        .andExpect(jsonPath("$.errors[0].field").value("body"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a JSON object"));
    verifyNoInteractions(stores, runs);
  }

  private ResultActions resolve(String body) throws Exception {
    return mvc.perform(
        post("/api/v1/ops/reconciliation/mismatches/7/resolve")
            .header("Authorization", "Bearer demo-operator-key")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private static ResultActions refused(ResultActions result) throws Exception {
    return result
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:ordersystem:problem:validation"));
  }
}
