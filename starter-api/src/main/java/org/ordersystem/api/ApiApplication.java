package org.ordersystem.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The REST API for shops and operators. Runs standalone ({@code java -jar}, {@code
 * spring-boot:run}) or inside the local launcher through {@code new
 * SpringApplicationBuilder(ApiApplication.class) .properties(map).run()}; properties given that way
 * override {@code application.properties} (see {@link
 * org.ordersystem.api.config.LauncherPropertiesPostProcessor}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiApplication.class, args);
  }
}
