package org.ordersystem.api.shipments;

import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The shipments ops endpoint in a web slice: {@link ShipmentController} on top of {@link
 * ApiWebSlice}, with the shipping service's client ({@link Shipments}) and the order workflows it
 * signals mocked. One context for every test extending this.
 */
@ApiWebSlice
@Import(ShipmentController.class)
abstract class ShipmentSliceSupport extends ApiRequests {

  @MockitoBean protected Shipments shipments;
  @MockitoBean protected OrderWorkflowGateway workflows;
}
