package org.ordersystem.api.codec;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets Temporal UI, served from another origin, call the codec server from the operator's browser,
 * with the operator's session cookie (credentials), and nothing else.
 */
@Configuration(proxyBeanMethods = false)
public class CodecCorsConfig implements WebMvcConfigurer {

  private final PayloadProperties properties;

  public CodecCorsConfig(PayloadProperties properties) {
    this.properties = properties;
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    registry
        .addMapping("/codec/**")
        .allowedOrigins(properties.codecCorsOrigins().toArray(String[]::new))
        .allowedMethods("POST")
        .allowedHeaders("Content-Type", "X-Namespace", "Authorization")
        .allowCredentials(true);
  }
}
