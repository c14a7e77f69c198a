package org.ordersystem.api.config;

import java.util.LinkedHashMap;
import org.ordersystem.api.ApiApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Gives the properties passed through {@code SpringApplicationBuilder.properties(..)} the last word
 * for the API.
 *
 * <p>Spring treats those as <em>default</em> properties, below {@code application.properties}; so
 * {@code orders.temporal.target=${ORDERS_TEMPORAL_TARGET:localhost:7233}} would silently win over
 * what the one-JVM launcher computed. The launcher decides for the whole stack, so its map is
 * copied on top of every other source. Standalone runs have no default properties and are not
 * affected.
 */
public class LauncherPropertiesPostProcessor implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "ordersApiLauncherProperties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!application.getAllSources().contains(ApiApplication.class)) {
      return;
    }
    PropertySource<?> defaults = environment.getPropertySources().get("defaultProperties");
    if (defaults instanceof MapPropertySource map && !map.getSource().isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource(SOURCE_NAME, new LinkedHashMap<>(map.getSource())));
    }
  }
}
