package org.ordersystem.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.ordersystem.api.auth.ApiKeyInterceptor;
import org.ordersystem.api.auth.ApiKeyRegistry;
import org.ordersystem.api.auth.AuthProperties;
import org.ordersystem.api.auth.AuthWebConfig;
import org.ordersystem.api.problems.ProblemHandler;
import org.ordersystem.api.problems.ProblemWriter;
import org.ordersystem.api.web.StrictJsonBodies;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A web slice of the API (petclinic's {@code @WebMvcTest} with mocked collaborators): what every
 * request passes through (the API key check, strict JSON reading, the problem handler) and the
 * controllers the test imports, nothing else. The test mocks what those controllers call. Where a
 * test needs the whole API, {@link ApiTestSupport} has it.
 *
 * <p>The keys are the demo shop's and the demo operator's of {@code application.properties}, and
 * {@link ApiFixtures#OTHER_SHOP_KEY} of a second shop, {@code other-shop}: a shop must not see
 * another shop's orders, and a test shows it with a key that is known rather than a 401.
 *
 * <p>Slices that import the same classes, set the same properties and mock the same beans share one
 * cached context: an area's tests extend one base class (its {@code *SliceSupport}) for that.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(useDefaultFilters = false)
@Import({
  AuthWebConfig.class,
  ApiKeyInterceptor.class,
  ApiKeyRegistry.class,
  ProblemHandler.class,
  ProblemWriter.class,
  StrictJsonBodies.class,
  ApiWebSlice.Properties.class
})
@TestPropertySource(
    properties = {
      "orders.auth.keys[0].key=" + ApiFixtures.OTHER_SHOP_KEY,
      "orders.auth.keys[0].role=SHOP",
      "orders.auth.keys[0].shop-id=other-shop"
    })
public @interface ApiWebSlice {

  /** The properties the key check reads. */
  @TestConfiguration
  @EnableConfigurationProperties(AuthProperties.class)
  class Properties {}
}
