package org.ordersystem.api.config;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ordersystem.api.web.Text;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document (served at /v3/api-docs, browsable at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "Order system API",
            version = "v1",
            description =
                "Shops place and read orders; operators read every order and the customers'"
                    + " accounts, and rehearse failures on the local stack. Errors are"
                    + " application/problem+json (RFC 9457)."),
    security = @SecurityRequirement(name = OpenApiConfig.BEARER_SCHEME))
@SecurityScheme(
    name = OpenApiConfig.BEARER_SCHEME,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "An API key, 'Authorization: Bearer <key>': a shop key (SHOP role) or an operator key"
            + " (OPERATOR role).")
public class OpenApiConfig {

  /** Name of the security scheme every endpoint requires. */
  public static final String BEARER_SCHEME = "apiKey";

  /** Marks, while the document is built, a property that can never be null. */
  private static final String NEVER_NULL = "x-never-null";

  /**
   * A {@link Text} field's bounds in its schema: at least one character, at most {@code max}, and
   * the pattern anchored as the validator applies it (JSON Schema patterns match anywhere).
   */
  @Bean
  OperationCustomizer problemResponses() {
    return new ProblemResponses();
  }

  /**
   * The document's shared parts: the {@code Problem} schema every error answer points to, and
   * nullability. A property a schema does not require may be null (the API writes absent values as
   * null, and reads null as absent), so it is declared nullable; a required one never is.
   */
  @Bean
  OpenApiCustomizer contractParts() {
    return openApi -> {
      Components components = openApi.getComponents();
      if (components == null) {
        components = new Components();
        openApi.setComponents(components);
      }
      if (components.getSchemas() != null) {
        components.getSchemas().remove("ProblemDetail");
        components.getSchemas().values().forEach(OpenApiConfig::declareNullables);
      }
      components.addSchemas(ProblemResponses.PROBLEM, ProblemResponses.problemSchema());
    };
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void declareNullables(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (Map.Entry<String, Schema> entry : properties.entrySet()) {
      if (required.contains(entry.getKey())) {
        continue;
      }
      Schema property = entry.getValue();
      if (property.getExtensions() != null && property.getExtensions().remove(NEVER_NULL) != null) {
        if (property.getExtensions().isEmpty()) {
          property.setExtensions(null);
        }
        continue;
      }
      Set<String> types =
          property.getTypes() != null
              ? property.getTypes()
              : property.getType() != null ? Set.of(property.getType()) : Set.of();
      if (property.get$ref() != null || property.getAllOf() != null || types.isEmpty()) {
        // A reference (bare or under allOf): either it, or null (OpenAPI 3.1 is JSON Schema).
        Schema wrapped =
            new JsonSchema().anyOf(List.of(property, new JsonSchema().types(Set.of("null"))));
        wrapped.setDescription(property.getDescription());
        property.setDescription(null);
        property.setTypes(
            null); // a type beside a reference (null, from nullable = true) narrows it
        entry.setValue(wrapped);
        continue;
      }
      Set<String> nullable = new LinkedHashSet<>(types);
      nullable.add("null");
      property.setTypes(nullable);
      if (property.getEnum() != null && !property.getEnum().contains(null)) {
        property.getEnum().add(null);
      }
    }
  }

  /** A Java primitive is always written and never null: {@link #declareNullables} skips it. */
  @Bean
  PropertyCustomizer primitivesAreNeverNull() {
    return (property, type) -> {
      Type javaType = type.getType();
      if (javaType instanceof Class<?> c
          ? c.isPrimitive()
          : javaType instanceof JavaType j && j.isPrimitive()) {
        property.addExtension(NEVER_NULL, true);
      }
      return property;
    };
  }

  @Bean
  PropertyCustomizer textFieldBounds() {
    return (property, type) -> {
      Annotation[] annotations = type.getCtxAnnotations();
      if (annotations == null) {
        return property;
      }
      for (Annotation annotation : annotations) {
        if (annotation instanceof Text text) {
          property.setMinLength(1);
          property.setMaxLength(text.max());
          if (!text.pattern().isEmpty()) {
            property.setPattern("^" + text.pattern() + "$");
          }
        }
      }
      return property;
    };
  }
}
