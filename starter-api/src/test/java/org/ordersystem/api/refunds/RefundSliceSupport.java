package org.ordersystem.api.refunds;

import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.config.ApiProperties;
import org.ordersystem.api.orders.OrderReader;
import org.ordersystem.api.orders.OrderUpdates;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.api.web.BodyValidator;
import org.ordersystem.readmodel.OrderReadModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The refunds area in a web slice: {@link RefundController} with its real collaborators (requesting
 * and reading refunds, reading the order they belong to) and the body validation, on top of {@link
 * ApiWebSlice}. Mocked are only the ways out: the order workflows ({@link OrderWorkflowGateway},
 * {@link OrderUpdates}), the read model of orders and its refund records. One context for every
 * test extending this.
 */
@ApiWebSlice
@Import({
  RefundController.class,
  RefundRequests.class,
  RefundReader.class,
  OrderReader.class,
  BodyValidator.class,
  RefundSliceSupport.Wiring.class
})
abstract class RefundSliceSupport extends ApiRequests {

  @MockitoBean protected OrderWorkflowGateway workflows;
  @MockitoBean protected OrderUpdates updates;
  @MockitoBean protected OrderReadModel readModel;
  @MockitoBean protected RefundRecords refundRecords;

  /** The API's settings: how long a refund request waits for its refund to complete. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ApiProperties.class)
  static class Wiring {}
}
