package org.ordersystem.api.config;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.ordersystem.api.auth.RequiresRole;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The problems every operation can answer, documented where they apply so no operation's document
 * leaves out a status it really answers: 401 on every operation (a missing or unknown key), 403
 * where a role is required, 400 where there is a body or a query to refuse, 413 and 415 where there
 * is a body, 404 where a path names something, and 500, 502 and 503 everywhere (every operation
 * reaches the read model, Temporal or a gRPC service). Statuses particular to one operation (409,
 * 422, 429, ...) are annotated on its method; what is annotated there stands. Every problem+json
 * response points to the one {@code Problem} schema.
 */
final class ProblemResponses implements OperationCustomizer {

  static final String PROBLEM = "Problem";
  static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
  static final String PROBLEM_JSON =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  @Override
  public Operation customize(Operation operation, HandlerMethod handler) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean body = operation.getRequestBody() != null;
    boolean query =
        parameters.stream().anyMatch(p -> "query".equals(p.getIn()) || "header".equals(p.getIn()));
    boolean path = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
    if (body || query) {
      add(responses, "400", "Invalid request (validation); errors lists every field.");
    }
    add(responses, "401", "Missing or unknown API key (unauthenticated).");
    if (marked(handler, RequiresRole.class)) {
      add(responses, "403", "The API key's role may not do this (forbidden).");
    }
    if (path) {
      add(responses, "404", "Nothing of that name for this caller (not-found).");
    }
    if (body) {
      add(responses, "413", "The body is larger than the API takes (payload-too-large).");
      add(responses, "415", "The body is not application/json.");
    }
    add(responses, "500", "Unexpected failure (internal); nothing internal is said.");
    if (marked(handler, CallsServices.class)) {
      add(responses, "502", "A service answered unexpectedly (bad-gateway).");
    }
    ApiResponse unavailable =
        marked(handler, AnswersFromMemory.class)
            ? null
            : add(
                responses,
                "503",
                "A dependency is unavailable (service-unavailable); retry later.");
    if (unavailable != null
        && (unavailable.getHeaders() == null || unavailable.getHeaders().isEmpty())) {
      unavailable.addHeaderObject(
          "Retry-After",
          new Header()
              .description("Seconds to wait before retrying.")
              .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
    }
    // Every problem answer, annotated or added, has the Problem schema.
    for (ApiResponse response : responses.values()) {
      Content content = response.getContent();
      if (content != null && content.get(PROBLEM_JSON) != null) {
        content.get(PROBLEM_JSON).setSchema(new Schema<>().$ref(PROBLEM_REF));
      }
    }
    return operation;
  }

  private static boolean marked(
      HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> annotation) {
    return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), annotation)
        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), annotation);
  }

  /** Adds a problem response for {@code status} unless the operation documents it already. */
  private static ApiResponse add(ApiResponses responses, String status, String description) {
    ApiResponse existing = responses.get(status);
    if (existing != null) {
      return existing;
    }
    ApiResponse response =
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
    responses.addApiResponse(status, response);
    return response;
  }

  /** The RFC 9457 problem every error answer carries. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Schema problemSchema() {
    Schema<?> fieldError =
        new ObjectSchema()
            .addProperty(
                "field",
                new StringSchema()
                    .description("Where: a path into the body, or a header or parameter name."))
            .addProperty("message", new StringSchema())
            .required(List.of("field", "message"));
    return new ObjectSchema()
        .description("An RFC 9457 problem.")
        .addProperty(
            "type",
            new StringSchema().description("urn:ordersystem:problem:<slug>, or about:blank"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().description("The request path."))
        .addProperty(
            "errors",
            new ArraySchema()
                .items(fieldError)
                .description("Every field error, for validation problems."))
        .required(List.of("type", "title", "status", "detail", "instance"));
  }
}
