package org.ordersystem.api.recovery;

import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.ordersystem.api.orders.OrderListing;
import org.ordersystem.api.orders.OrderReader;
import org.ordersystem.api.orders.OrderUpdates;
import org.ordersystem.api.orders.OrderWorkflowGateway;
import org.ordersystem.readmodel.OrderReadModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The recovery area in a web slice: {@link PendingOrderController} (listing, retrying and rolling
 * back PENDING orders) and {@link SweepController} with their real collaborators, on top of {@link
 * ApiWebSlice}. Mocked are only the ways out: the order workflows ({@link OrderWorkflowGateway},
 * {@link OrderUpdates}), the read model, and the sweeps' workflows ({@link RecoverySweeps}). One
 * context for every test extending this.
 */
@ApiWebSlice
@Import({
  PendingOrderController.class,
  PendingOrderActions.class,
  OrderListing.class,
  OrderReader.class,
  SweepController.class,
  RecoverySliceSupport.Wiring.class
})
abstract class RecoverySliceSupport extends ApiRequests {

  @MockitoBean protected OrderWorkflowGateway workflows;
  @MockitoBean protected OrderUpdates updates;
  @MockitoBean protected OrderReadModel readModel;
  @MockitoBean protected RecoverySweeps sweeps;

  /** How long the actions and sweeps wait, and the recovery policy a sweep is started with. */
  @TestConfiguration(proxyBeanMethods = false)
  @EnableConfigurationProperties({RecoveryWaits.class, RecoveryProperties.class})
  static class Wiring {}
}
