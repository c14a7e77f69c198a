package org.ordersystem.api.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.lang.annotation.Annotation;
import org.ordersystem.api.web.Text;
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

  /**
   * A {@link Text} field's bounds in its schema: at least one character, at most {@code max}, and
   * the pattern anchored as the validator applies it (JSON Schema patterns match anywhere).
   */
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
