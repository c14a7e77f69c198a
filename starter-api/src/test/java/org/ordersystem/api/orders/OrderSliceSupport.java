package org.ordersystem.api.orders;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.ordersystem.api.ApiFixtures;
import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.products.StockCatalog;
import org.ordersystem.api.web.BodySizeLimitFilter;
import org.ordersystem.api.web.BodyValidator;
import org.ordersystem.readmodel.OrderReadModel;
import org.ordersystem.readmodel.RestIdempotencyKeys;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The orders area in a web slice: {@link OrderController} with its real collaborators (placement,
 * admission, reading, listing, cancelling), the body validation and the body size limit, on top of
 * {@link ApiWebSlice}. Mocked are only the ways out: the order workflows ({@link
 * OrderWorkflowGateway}, {@link OrderUpdates}), the read model and its Idempotency-Keys, and the
 * stock service's catalog, which knows {@link ApiFixtures#CATALOG}'s two SKUs and takes every key
 * as new unless a test says otherwise. One context for every test extending this.
 *
 * <p>Bodies up to 4096 bytes, and one order placement at a time, refused with Retry-After 2 s: the
 * tests place one after another, so every test that places an order after another one failed also
 * checks that the failure gave its place back.
 */
@ApiWebSlice
@Import({
  OrderController.class,
  OrderPlacement.class,
  PlacementAdmission.class,
  OrderReader.class,
  OrderListing.class,
  OrderCancellation.class,
  BodyValidator.class,
  BodySizeLimitFilter.class,
  OrderSliceSupport.Wiring.class
})
@TestPropertySource(
    properties = {
      "orders.api.max-body-bytes=4096",
      "orders.api.max-placements-in-flight=1",
      "orders.api.shed-retry-after=PT2S"
    })
abstract class OrderSliceSupport extends ApiRequests {

  @MockitoBean protected OrderWorkflowGateway workflows;
  @MockitoBean protected OrderUpdates updates;
  @MockitoBean protected OrderReadModel readModel;
  @MockitoBean protected RestIdempotencyKeys idempotencyKeys;
  @MockitoBean protected StockCatalog catalog;

  @BeforeEach
  void catalogKnowsTwoSkusAndEveryKeyIsNew() {
    ApiFixtures.catalogKnowsTwoSkus(catalog);
    ApiFixtures.everyKeyIsNew(idempotencyKeys);
  }

  /** The API's settings, and a registry for the admission's meters (no actuator in a slice). */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ApiProperties.class)
  static class Wiring {

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
