package org.ordersystem.api.ops.reconciliation;

import org.ordersystem.api.ApiRequests;
import org.ordersystem.api.ApiWebSlice;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The reconciliation ops endpoints in a web slice: {@link ReconciliationController} on top of
 * {@link ApiWebSlice}, with its stores and the reconciliation runs' workflows mocked. One context
 * for every test extending this.
 */
@ApiWebSlice
@Import(ReconciliationController.class)
abstract class ReconciliationSliceSupport extends ApiRequests {

  @MockitoBean protected ReconciliationStores stores;
  @MockitoBean protected ReconciliationRuns runs;
}
