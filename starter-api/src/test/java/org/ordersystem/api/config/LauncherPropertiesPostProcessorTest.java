package org.ordersystem.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ordersystem.api.ApiApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What the launcher passes through SpringApplicationBuilder.properties wins over the file. */
class LauncherPropertiesPostProcessorTest {

  @Test
  void shouldPutLauncherPropertiesAboveApplicationProperties() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "applicationProperties", Map.of("orders.temporal.target", "file")));
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "defaultProperties", Map.of("orders.temporal.target", "launcher")));

    new LauncherPropertiesPostProcessor()
        .postProcessEnvironment(env, new SpringApplication(ApiApplication.class));

    assertThat(env.getProperty("orders.temporal.target")).isEqualTo("launcher");
  }

  @Test
  void shouldLeaveOtherApplicationsAlone() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addLast(new MapPropertySource("applicationProperties", Map.of("x", "file")));
    env.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of("x", "d")));

    new LauncherPropertiesPostProcessor()
        .postProcessEnvironment(env, new SpringApplication(Object.class));

    assertThat(env.getProperty("x")).isEqualTo("file");
  }
}
